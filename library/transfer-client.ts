/** Talks to the transfer worker from the library page. */
import type { ExportedFile, ExportRequest, ImportReport, ImportRequest, Progress } from './transfer';
import type { WorkerMessage, WorkerRequest } from './transfer.worker';
import TransferWorker from './transfer.worker.ts?worker';

let worker: Worker | undefined;
let seq = 0;

function run<T>(msg: Omit<WorkerRequest, 'id'>, progress?: Progress): Promise<T> {
  worker ??= new TransferWorker();
  const id = ++seq;
  const w = worker;
  return new Promise<T>((resolve, reject) => {
    const on = (e: MessageEvent<WorkerMessage>) => {
      if (e.data.id !== id) return;
      if (e.data.type === 'progress') progress?.(e.data.done, e.data.total, e.data.phase);
      else {
        w.removeEventListener('message', on);
        if (e.data.type === 'done') resolve(e.data.result as T);
        else reject(new Error(e.data.message));
      }
    };
    w.addEventListener('message', on);
    w.postMessage({ ...msg, id } as WorkerRequest);
  });
}

export const runExport = (req: ExportRequest, progress?: Progress) => run<ExportedFile>({ op: 'export', req }, progress);
export const runImport = (req: ImportRequest, progress?: Progress) => run<ImportReport>({ op: 'import', req }, progress);
