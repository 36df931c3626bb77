import { SEVERITIES, type WallView } from '@opsquest/contracts';
import { OctagonAlert, TriangleAlert } from 'lucide-react';
import { formatNumber } from '../lib/format';
import { SeverityLabel } from './severity-label';
import { Icon } from './icon';

/** Open alarms by severity (shape + word + count, never colour alone) and the SLA risk right now. */
export function WallAlarmSummary({ wall }: { wall: WallView }) {
  const total = SEVERITIES.reduce((sum, s) => sum + (wall.openAlarmsBySeverity[s] ?? 0), 0);
  return (
    <section className="wall-card wall-alarms" aria-label="Open alarms and SLA" data-testid="wall-alarms">
      <h2 className="wall-card__title">
        Open alarms <span className="wall-alarms__total" data-testid="wall-open-total" data-count={total}>{formatNumber(total)}</span>
      </h2>
      <ul className="wall-alarms__list">
        {SEVERITIES.map((severity) => {
          const count = wall.openAlarmsBySeverity[severity] ?? 0;
          return (
            <li key={severity} className={`wall-alarms__row${count === 0 ? ' wall-alarms__row--zero' : ''}`} data-testid={`wall-open-${severity}`} data-count={count}>
              <SeverityLabel severity={severity} />
              <span className="wall-alarms__count">{formatNumber(count)}</span>
            </li>
          );
        })}
      </ul>
      <div className="wall-sla">
        <p className={`wall-sla__stat${wall.slaAtRisk > 0 ? ' wall-sla__stat--risk' : ''}`} data-testid="wall-sla-at-risk" data-count={wall.slaAtRisk}>
          <span className="wall-sla__value">{formatNumber(wall.slaAtRisk)}</span>
          <span className="wall-sla__label">
            <Icon of={TriangleAlert} /> SLA at risk
          </span>
        </p>
        <p className={`wall-sla__stat${wall.slaBreached > 0 ? ' wall-sla__stat--breached' : ''}`} data-testid="wall-sla-breached" data-count={wall.slaBreached}>
          <span className="wall-sla__value">{formatNumber(wall.slaBreached)}</span>
          <span className="wall-sla__label">
            <Icon of={OctagonAlert} /> SLA breached
          </span>
        </p>
      </div>
    </section>
  );
}
