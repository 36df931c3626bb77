import type { ReactNode } from 'react';
import { TriangleAlert } from 'lucide-react';
import { Icon } from './icon';

export function LoadingState({ label }: { label: string }) {
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorState({ title, error, onRetry }: { title: string; error: Error; onRetry: () => void }) {
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">
        <Icon of={TriangleAlert} />{' '}
        {title}
      </p>
      <p className="state__detail">{error.message}</p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p className="state__title">{title}</p>
      {children !== undefined && <p className="state__detail">{children}</p>}
    </div>
  );
}
