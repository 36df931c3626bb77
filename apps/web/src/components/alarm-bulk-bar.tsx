import { CircleCheck, TriangleAlert } from 'lucide-react';
import type { BulkReport } from './alarm-bulk-report';
import { bulkReportHeadline } from './alarm-bulk-report';
import { Icon } from './icon';

interface AlarmBulkBarProps {
  /** rows on screen, and how many of them are ticked */
  visibleCount: number;
  selectedCount: number;
  onSelectAll: (checked: boolean) => void;
  onClearSelection: () => void;
  onAcknowledge: () => void;
  pending: boolean;
  report: BulkReport | undefined;
  onDismissReport: () => void;
}

/** Tick-all, the selection count and "Acknowledge selected", with the outcome of the last bulk action. */
export function AlarmBulkBar({ visibleCount, selectedCount, onSelectAll, onClearSelection, onAcknowledge, pending, report, onDismissReport }: AlarmBulkBarProps) {
  const allTicked = visibleCount > 0 && selectedCount >= visibleCount;
  return (
    <div className="alarm-bulk" data-testid="alarm-bulk">
      <div className="alarm-bulk__bar">
        <label className="alarm-bulk__all">
          <input
            type="checkbox"
            checked={allTicked}
            ref={(input) => {
              if (input) input.indeterminate = selectedCount > 0 && !allTicked;
            }}
            onChange={(e) => onSelectAll(e.target.checked)}
            disabled={visibleCount === 0}
            data-testid="alarm-select-all"
          />
          <span>Select all shown</span>
        </label>
        <span className="alarm-bulk__count" aria-live="polite" data-testid="alarm-selected-count">
          {selectedCount} selected
        </span>
        <button
          type="button"
          className="button button--primary button--small"
          onClick={onAcknowledge}
          aria-disabled={selectedCount === 0 || pending || undefined}
          data-pending={pending || undefined}
          data-testid="bulk-acknowledge"
        >
          Acknowledge selected
        </button>
        {selectedCount > 0 && (
          <button type="button" className="button button--ghost button--small" onClick={onClearSelection}>
            Clear selection
          </button>
        )}
      </div>
      <div aria-live="polite" aria-atomic="true">
        {report && (
          <div className={`alarm-bulk__report${report.failures.length > 0 ? ' alarm-bulk__report--partial' : ''}`} data-testid="bulk-report">
            <p className="alarm-bulk__headline">
              <Icon of={report.failures.length > 0 ? TriangleAlert : CircleCheck} />{' '}
              {bulkReportHeadline(report, 'acknowledged')}
            </p>
            {report.failures.length > 0 && (
              <ul className="alarm-bulk__failures">
                {report.failures.map((f) => (
                  <li key={f.id} data-testid="bulk-failure" data-id={f.id}>
                    <strong>{f.title}</strong>: {f.error}
                  </li>
                ))}
              </ul>
            )}
            <button type="button" className="button button--ghost button--small" onClick={onDismissReport}>
              Dismiss
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
