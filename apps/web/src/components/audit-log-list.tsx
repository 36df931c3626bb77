import { useId, useState } from 'react';
import type { AuditEntryView } from '@opsquest/contracts';
import { useAuditLog } from '../api/rules.queries';
import { formatWhen, humanize } from '../lib/format';
import { EmptyState, ErrorState, LoadingState } from './query-states';

const FILTERS: readonly { value: string; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'rules.', label: 'Rule changes' },
  { value: 'points.adjusted', label: 'Point adjustments' },
];

/** What an entry's details say, in a line: points for adjustments, what changed for rule sets. */
function detailText(entry: AuditEntryView): string {
  const details = entry.details;
  if (typeof details !== 'object' || details === null) return '';
  const record = details as Record<string, unknown>;
  if (typeof record.points === 'number') return `${record.points > 0 ? '+' : ''}${record.points} points`;
  if (Array.isArray(record.changes)) {
    return record.changes
      .map((c: unknown) => (typeof c === 'object' && c !== null && typeof (c as Record<string, unknown>).target === 'string' ? String((c as Record<string, unknown>).target) : ''))
      .filter((t) => t !== '')
      .join(', ');
  }
  return '';
}

/** A rule-set version, or the person adjusted (by name when the details carry it). */
function targetText(entry: AuditEntryView): string {
  if (entry.targetType === 'rule-set') return `Version ${entry.targetId ?? ''}`;
  const details = entry.details;
  if (typeof details === 'object' && details !== null) {
    const person = (details as Record<string, unknown>).person;
    if (typeof person === 'string') return person;
  }
  return entry.targetId ?? '';
}

/** The audit log: who did what, when and why; newest first. */
export function AuditLogList() {
  const [action, setAction] = useState('');
  const filterId = useId();
  const audit = useAuditLog(action);
  return (
    <div className="audit-log" data-testid="audit-log">
      <div className="field field--inline">
        <label className="field__label" htmlFor={filterId}>
          Show
        </label>
        <select id={filterId} value={action} onChange={(e) => setAction(e.target.value)}>
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {audit.isPending ? (
        <LoadingState label="Loading the audit log…" />
      ) : audit.isError ? (
        <ErrorState title="Could not load the audit log" error={audit.error} onRetry={() => void audit.refetch()} />
      ) : audit.data.length === 0 ? (
        <EmptyState title="Nothing recorded yet">Rule changes and point adjustments appear here with who made them and why.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="rules-table">
            <caption className="visually-hidden">Audit log, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Target</th>
                <th scope="col">Why</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.map((e) => (
                <tr key={e.seq} data-testid="audit-entry" data-action={e.action}>
                  <td>
                    <time dateTime={e.at}>{formatWhen(e.at)}</time>
                  </td>
                  <td>{e.actorName ?? 'OpsQuest'}</td>
                  <td>{humanize(e.action.replace('.', ' '))}</td>
                  <td>{targetText(e)}</td>
                  <td>{e.reason ?? ''}</td>
                  <td>{detailText(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
