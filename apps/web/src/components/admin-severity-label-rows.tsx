import { useId, useRef, useState } from 'react';
import { SEVERITIES, SEVERITY_LABEL_MAX } from '@opsquest/contracts';
import { humanize } from '../lib/format';
import { AdminFieldError, describedBy } from './admin-field-error';
import { newSeverityRow, type SeverityLabelRow } from './api-key-settings-draft';

interface RowProps {
  row: SeverityLabelRow;
  number: number;
  error: string | undefined;
  /** a row just added takes the focus */
  focus: boolean;
  onChange: (row: SeverityLabelRow) => void;
  onRemove: () => void;
}

function LabelRow({ row, number, error, focus, onChange, onRemove }: RowProps) {
  const labelId = useId();
  const severityId = useId();
  const errorId = useId();
  return (
    <li className="admin-severity-row" data-testid="severity-label-row">
      <div className="admin-severity-row__fields">
        <label className="visually-hidden" htmlFor={labelId}>
          Severity label {number}
        </label>
        <input
          id={labelId}
          className="admin-input"
          value={row.label}
          onChange={(e) => onChange({ ...row, label: e.target.value })}
          placeholder="e.g. p0"
          autoComplete="off"
          spellCheck={false}
          maxLength={SEVERITY_LABEL_MAX}
          autoFocus={focus}
          aria-invalid={error !== undefined}
          aria-describedby={describedBy(error !== undefined && errorId)}
        />
        <span className="admin-severity-row__arrow" aria-hidden="true">
          →
        </span>
        <label className="visually-hidden" htmlFor={severityId}>
          Severity of label {number}
        </label>
        <select
          id={severityId}
          className="admin-select"
          value={row.severity}
          onChange={(e) => onChange({ ...row, severity: SEVERITIES.find((s) => s === e.target.value) ?? row.severity })}
        >
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {humanize(severity)}
            </option>
          ))}
        </select>
        <button type="button" className="button button--secondary button--small" onClick={onRemove} aria-label={`Remove severity label ${number}`}>
          Remove
        </button>
      </div>
      <AdminFieldError id={errorId} message={error} />
    </li>
  );
}

interface SeverityLabelRowsProps {
  rows: SeverityLabelRow[];
  errors: ReadonlyMap<number, string>;
  groupError: string | undefined;
  onChange: (rows: SeverityLabelRow[]) => void;
}

/** "their label → our severity" rows, with the server's message on the row it names. */
export function AdminSeverityLabelRows({ rows, errors, groupError, onChange }: SeverityLabelRowsProps) {
  const hintId = useId();
  const groupErrorId = useId();
  const addRef = useRef<HTMLButtonElement>(null);
  const [added, setAdded] = useState<number | undefined>(undefined);
  const add = (): void => {
    const row = newSeverityRow();
    setAdded(row.id);
    onChange([...rows, row]);
  };
  const remove = (id: number): void => {
    onChange(rows.filter((r) => r.id !== id));
    addRef.current?.focus();
  };
  return (
    <fieldset className="admin-severity-labels" aria-describedby={describedBy(hintId, groupError !== undefined && groupErrorId)}>
      <legend className="field__label">Custom severity labels</legend>
      <p className="admin-hint" id={hintId}>
        This sender’s own severity labels and the severity each reads as. They are checked before the built-in ones (p1, high, error…), case-insensitively.
      </p>
      {rows.length === 0 ? (
        <p className="admin-muted" data-testid="no-severity-labels">
          None: the built-in labels apply.
        </p>
      ) : (
        <ul className="admin-severity-rows">
          {rows.map((row, index) => (
            <LabelRow
              key={row.id}
              row={row}
              number={index + 1}
              error={errors.get(row.id)}
              focus={row.id === added}
              onChange={(changed) => onChange(rows.map((r) => (r.id === row.id ? changed : r)))}
              onRemove={() => remove(row.id)}
            />
          ))}
        </ul>
      )}
      <AdminFieldError id={groupErrorId} message={groupError} />
      <div>
        <button type="button" className="button button--secondary button--small" ref={addRef} onClick={add}>
          Add label
        </button>
      </div>
    </fieldset>
  );
}
