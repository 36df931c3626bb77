import { useId } from 'react';
import type { RuleCap } from '@opsquest/contracts';
import { AdminFieldError, describedBy } from './admin-field-error';
import { CAP_PERIODS, MULTIPLIER_LABELS, MULTIPLIER_ORDER, type RuleForm } from './rule-draft';

interface RuleEditorProps {
  rule: RuleForm;
  /** the server's field messages for this rule: "basePoints", "multipliers", "cap.points" */
  errors: Record<string, string | undefined>;
  onChange: (rule: RuleForm) => void;
}

/** One scoring rule's numbers: base points, multipliers, an optional cap per day, week or month. */
export function RuleEditor({ rule, errors, onChange }: RuleEditorProps) {
  const baseId = useId();
  const capId = useId();
  const perId = useId();
  const baseErrorId = useId();
  const capErrorId = useId();
  const multipliersErrorId = useId();
  const descriptionId = useId();

  return (
    <fieldset className="rule-editor" data-testid="rule-editor" data-rule-id={rule.id} aria-describedby={descriptionId}>
      <legend className="rule-editor__legend">
        {rule.name} <span className="rule-editor__version">v{rule.version}</span>
      </legend>
      <p id={descriptionId} className="rule-editor__description">
        {rule.description}
      </p>
      <div className="rule-editor__numbers">
        <div className="field">
          <label className="field__label" htmlFor={baseId}>
            Base points
          </label>
          <input
            id={baseId}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={rule.basePoints}
            onChange={(e) => onChange({ ...rule, basePoints: e.target.value })}
            aria-invalid={errors.basePoints !== undefined}
            aria-describedby={describedBy(errors.basePoints !== undefined && baseErrorId)}
          />
          <AdminFieldError id={baseErrorId} message={errors.basePoints} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={capId}>
            Cap (points, empty for none)
          </label>
          <input
            id={capId}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={rule.capPoints}
            onChange={(e) => onChange({ ...rule, capPoints: e.target.value })}
            aria-invalid={errors['cap.points'] !== undefined}
            aria-describedby={describedBy(errors['cap.points'] !== undefined && capErrorId)}
          />
          <AdminFieldError id={capErrorId} message={errors['cap.points']} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={perId}>
            Cap per
          </label>
          <select id={perId} value={rule.capPer} onChange={(e) => onChange({ ...rule, capPer: e.target.value as RuleCap['per'] })} disabled={rule.capPoints.trim() === ''}>
            {CAP_PERIODS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="rule-editor__multipliers" aria-describedby={describedBy(errors.multipliers !== undefined && multipliersErrorId)}>
        <legend className="field__label">Multipliers</legend>
        {MULTIPLIER_ORDER.map((kind) => (
          <label key={kind} className="checkbox rule-editor__multiplier">
            <input
              type="checkbox"
              checked={rule.multipliers.includes(kind)}
              onChange={(e) => onChange({ ...rule, multipliers: e.target.checked ? [...rule.multipliers, kind] : rule.multipliers.filter((k) => k !== kind) })}
            />
            {MULTIPLIER_LABELS[kind]}
          </label>
        ))}
        <AdminFieldError id={multipliersErrorId} message={errors.multipliers} />
      </fieldset>
    </fieldset>
  );
}
