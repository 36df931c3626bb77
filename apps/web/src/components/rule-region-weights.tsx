import { useId } from 'react';
import { AdminFieldError } from './admin-field-error';
import type { RegionForm } from './rule-draft';

function RegionRow({ region, error, onChange, onRemove }: { region: RegionForm; error: string | undefined; onChange: (r: RegionForm) => void; onRemove: () => void }) {
  const nameId = useId();
  const weightId = useId();
  const errorId = useId();
  return (
    <li className="rules-region">
      <div className="field">
        <label className="field__label" htmlFor={nameId}>
          Region or site
        </label>
        <input id={nameId} value={region.name} onChange={(e) => onChange({ ...region, name: e.target.value })} autoComplete="off" placeholder="e.g. NTH" />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={weightId}>
          Weight
        </label>
        <input
          id={weightId}
          type="number"
          inputMode="decimal"
          min={0}
          max={10}
          step={0.1}
          value={region.weight}
          onChange={(e) => onChange({ ...region, weight: e.target.value })}
          aria-invalid={error !== undefined}
          aria-describedby={error !== undefined ? errorId : undefined}
        />
        <AdminFieldError id={errorId} message={error} />
      </div>
      <button type="button" className="button button--secondary button--small rules-region__remove" onClick={onRemove} aria-label={`Remove ${region.name.trim() || 'this region'}`}>
        Remove
      </button>
    </li>
  );
}

/** Difficulty weights per region or site (the `region` multiplier; 1 when a region is not listed). */
export function RuleRegionWeights({ regions, errors, onChange }: { regions: RegionForm[]; errors: Record<string, string | undefined>; onChange: (regions: RegionForm[]) => void }) {
  const add = (): void => {
    const key = regions.reduce((max, r) => Math.max(max, r.key), -1) + 1;
    onChange([...regions, { key, name: '', weight: '1' }]);
  };
  return (
    <fieldset className="rules-fieldset" data-testid="rule-regions">
      <legend className="rules-fieldset__legend">Region and site weights</legend>
      <p className="rules-hint">Rules with the region multiplier pay this many times their points in the region or site; 1 when it is not listed.</p>
      {regions.length > 0 && (
        <ul className="rules-regions">
          {regions.map((r) => (
            <RegionRow
              key={r.key}
              region={r}
              error={errors[r.name.trim()]}
              onChange={(next) => onChange(regions.map((x) => (x.key === r.key ? next : x)))}
              onRemove={() => onChange(regions.filter((x) => x.key !== r.key))}
            />
          ))}
        </ul>
      )}
      <div>
        <button type="button" className="button button--secondary button--small" onClick={add}>
          Add a region or site
        </button>
      </div>
    </fieldset>
  );
}
