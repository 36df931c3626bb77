import { useMe } from '../api/me.queries';
import { formatSignedPoints } from '../lib/format';
import { ClosestBadge } from './closest-badge';
import '../styles/field.css';

/** The technician's compact scorecard: points today, streak, and the badge within reach. */
export function FieldHeader() {
  const me = useMe();
  if (!me.data) return null;
  const { pointsToday, streak, badges } = me.data;
  return (
    <section className="field-header" aria-label="My day" data-testid="field-header">
      <div className="field-header__stat" data-testid="field-points-today" data-points={pointsToday}>
        <span className="field-header__label">Today</span>
        <span className="field-header__value">{formatSignedPoints(pointsToday)}</span>
        <span className="field-header__hint">points</span>
      </div>
      <div className={`field-header__stat${streak.atRisk ? ' field-header__stat--risk' : ''}`} data-testid="field-streak" data-current={streak.current}>
        <span className="field-header__label">Streak</span>
        <span className="field-header__value">
          <span aria-hidden="true">🔥 </span>
          {streak.current}
        </span>
        <span className="field-header__hint">{streak.atRisk ? 'act today to keep it' : `${streak.current === 1 ? 'day' : 'days'} · best ${streak.best}`}</span>
      </div>
      <ClosestBadge badges={badges} />
    </section>
  );
}
