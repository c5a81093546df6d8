/// <reference lib="webworker" />
/**
 * Runs exports and imports off the library page's main thread, so a file of 10,000
 * clippings never freezes the page; reports progress as it goes.
 */
import { CnaiDatabase } from '../storage/db';
import { exportData, importData, type ExportRequest, type ImportRequest } from './transfer';

export type WorkerRequest = { id: number; op: 'export'; req: ExportRequest } | { id: number; op: 'import'; req: ImportRequest };
export type WorkerMessage =
  | { id: number; type: 'progress'; done: number; total: number; phase: string }
  | { id: number; type: 'done'; result: unknown }
  | { id: number; type: 'error'; message: string };

declare const self: DedicatedWorkerGlobalScope;

// The worker's own connection; imports are one transaction either way (all or nothing).
const database = new CnaiDatabase(undefined, { relaxedDurability: true });

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const { id } = e.data;
  const progress = (done: number, total: number, phase: string) => self.postMessage({ id, type: 'progress', done, total, phase } satisfies WorkerMessage);
  try {
    const result = e.data.op === 'export' ? await exportData(e.data.req, database, progress) : await importData(e.data.req, database, progress);
    self.postMessage({ id, type: 'done', result } satisfies WorkerMessage);
  } catch (err) {
    self.postMessage({ id, type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies WorkerMessage);
  }
};
