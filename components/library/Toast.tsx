/** A short message with an optional action (Undo), announced politely. */
import { t } from '../../i18n';

export interface ToastState {
  id: number;
  message: string;
  action?: { label: string; run: () => void };
}

export function Toast({ toast, onDismiss }: { toast?: ToastState; onDismiss: () => void }) {
  return (
    <div class="toast-region" role="status" aria-live="polite">
      {toast && (
        <div class="toast" key={toast.id}>
          <span>{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              class="primary"
              onClick={() => {
                toast.action!.run();
                onDismiss();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button type="button" class="icon-button" aria-label={t('close')} onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
