import type { BadgeForm } from './rule-draft';

/** Thresholds and bonus points of the existing badges. */
export function RuleBadgeTable({ badges, errors, onChange }: { badges: BadgeForm[]; errors: Record<string, string | undefined>; onChange: (badges: BadgeForm[]) => void }) {
  const set = (index: number, patch: Partial<BadgeForm>): void => onChange(badges.map((b, i) => (i === index ? { ...b, ...patch } : b)));
  return (
    <div className="table-scroll">
      <table className="rules-table" data-testid="rule-badges">
        <caption className="visually-hidden">Badge thresholds and bonus points</caption>
        <thead>
          <tr>
            <th scope="col">Badge</th>
            <th scope="col">Threshold</th>
            <th scope="col">Bonus points</th>
          </tr>
        </thead>
        <tbody>
          {badges.map((b, i) => {
            const thresholdError = errors[`${i}.threshold`];
            const bonusError = errors[`${i}.bonusPoints`];
            return (
              <tr key={b.id}>
                <th scope="row">
                  {b.name} <span className="rule-editor__version">v{b.version}</span>
                </th>
                <td>
                  <input
                    className="rules-table__input"
                    type="number"
                    min={1}
                    step={1}
                    value={b.threshold}
                    onChange={(e) => set(i, { threshold: e.target.value })}
                    aria-label={`${b.name} threshold`}
                    aria-invalid={thresholdError !== undefined}
                    title={thresholdError}
                  />
                  {thresholdError !== undefined && <span className="admin-field-error">{thresholdError}</span>}
                </td>
                <td>
                  <input
                    className="rules-table__input"
                    type="number"
                    min={0}
                    step={1}
                    value={b.bonusPoints}
                    onChange={(e) => set(i, { bonusPoints: e.target.value })}
                    aria-label={`${b.name} bonus points`}
                    aria-invalid={bonusError !== undefined}
                  />
                  {bonusError !== undefined && <span className="admin-field-error">{bonusError}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
