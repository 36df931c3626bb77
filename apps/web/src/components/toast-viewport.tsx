import { useEffect } from 'react';
import { useToastStore, type Toast, type ToastKind } from '../stores/toast.store';

const ICONS: Record<ToastKind, string> = { points: '★', penalty: '▼', level: '⬆', badge: '🏅', error: '⚠' };
const DURATION_MS: Record<ToastKind, number> = { points: 5_000, penalty: 6_000, level: 8_000, badge: 8_000, error: 8_000 };

function ToastCard({ toast }: { toast: Toast }) {
  const dismiss = useToastStore((state) => state.dismiss);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), DURATION_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [dismiss, toast.id, toast.kind]);
  return (
    <li className={`toast toast--${toast.kind}`} data-testid="toast" data-kind={toast.kind}>
      <span className="toast__icon" aria-hidden="true">
        {ICONS[toast.kind]}
      </span>
      <div className="toast__body">
        <p className="toast__title">{toast.title}</p>
        {toast.detail !== undefined && <p className="toast__detail">{toast.detail}</p>}
      </div>
      <button type="button" className="toast__close" onClick={() => dismiss(toast.id)} aria-label="Dismiss notification">
        ×
      </button>
    </li>
  );
}

/** Live notifications (points, level-ups, badges, failed actions), announced politely. */
export function ToastViewport() {
  const toasts = useToastStore((state) => state.toasts);
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions" role="region" aria-label="Notifications">
      <ul className="toasts__list">
        {toasts.map((toast) => (
          <ToastCard key={toast.id} toast={toast} />
        ))}
      </ul>
    </div>
  );
}
