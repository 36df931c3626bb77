import { useId } from 'react';
import { AdminFieldError, describedBy } from './admin-field-error';
import type { GateForm } from './rule-draft';

interface GateField {
  key: keyof GateForm;
  label: string;
  hint: string;
  /** the draft field the server names in its errors */
  path: string;
  step: number;
}

const FIELDS: readonly GateField[] = [
  { key: 'flapWindowMinutes', label: 'Flap window (minutes)', hint: 'A clear followed by a re-raise within this time gives its points back.', path: 'flapWindowMinutes', step: 1 },
  { key: 'repeatVisitDays', label: 'Repeat-visit window (days)', hint: 'A first-time-fix bonus is reversed when the site needs another visit within this time.', path: 'repeatVisitDays', step: 1 },
  { key: 'ackFollowUpMinutes', label: 'Acknowledge follow-up (minutes)', hint: 'An acknowledgement pays once the same person follows up within this time.', path: 'ackFollowUpMinutes', step: 1 },
  { key: 'burstMinPerHour', label: 'Burst: actions per hour before review', hint: 'Scored actions in an hour above this (and above the factor) are held for the lead.', path: 'burst.minPerHour', step: 1 },
  { key: 'burstFactor', label: 'Burst: factor over the usual rate', hint: 'Held when above this many times the person’s usual hourly rate.', path: 'burst.factor', step: 0.5 },
];

function GateInput({ field, value, error, onChange }: { field: GateField; value: string; error: string | undefined; onChange: (value: string) => void }) {
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {field.label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={0}
        step={field.step}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(hintId, error !== undefined && errorId)}
      />
      <span id={hintId} className="rules-hint">
        {field.hint}
      </span>
      <AdminFieldError id={errorId} message={error} />
    </div>
  );
}

/** The quality-gate settings: flap window, repeat visits, acknowledge follow-up, bursts. */
export function RuleGateSettings({ gates, errors, onChange }: { gates: GateForm; errors: Record<string, string | undefined>; onChange: (gates: GateForm) => void }) {
  return (
    <fieldset className="rules-fieldset" data-testid="rule-gates">
      <legend className="rules-fieldset__legend">Quality gates</legend>
      <div className="rules-grid">
        {FIELDS.map((f) => (
          <GateInput key={f.key} field={f} value={gates[f.key]} error={errors[f.path]} onChange={(value) => onChange({ ...gates, [f.key]: value })} />
        ))}
      </div>
    </fieldset>
  );
}
