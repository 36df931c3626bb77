import { Flame } from 'lucide-react';
import type { MeView } from '@opsquest/contracts';
import { useMe } from '../api/me.queries';
import { formatNumber, formatSignedPoints } from '../lib/format';
import { ClosestBadge } from './closest-badge';
import '../styles/field.css';

function streakHint(streak: MeView['streak']): string {
  if (streak.atRisk && streak.freezeCoversToday) return 'a freeze covers today';
  if (streak.atRisk) return 'score once today to keep it';
  return `${streak.current === 1 ? 'day' : 'days'} · best ${streak.best}`;
}

/**
 * The technician's compact scorecard: points today (and in all), streak, level, and the badge within
 * reach. On a phone it stands in for the profile strip above it (field.css), so the visits come sooner.
 */
export function FieldHeader() {
  const me = useMe();
  if (!me.data) return null;
  const { points, pointsToday, streak, level, badges } = me.data;
  return (
    <section className="field-header" aria-label="My day" data-testid="field-header">
      <div className="field-header__stat" data-testid="field-points-today" data-points={pointsToday}>
        <span className="field-header__label">Today</span>
        <span className="field-header__value">{formatSignedPoints(pointsToday)}</span>
        <span className="field-header__hint">points · {formatNumber(points)} in all</span>
      </div>
      <div className={`field-header__stat${streak.atRisk ? ' field-header__stat--risk' : ''}`} data-testid="field-streak" data-current={streak.current}>
        <span className="field-header__label">Streak</span>
        <span className="field-header__value">
          <Flame aria-hidden="true" size={20} className="field-header__flame" />
          {streak.current}
        </span>
        <span className="field-header__hint">{streakHint(streak)}</span>
      </div>
      <div className="field-header__stat" data-testid="field-level" data-level={level.level}>
        <span className="field-header__label">Level</span>
        <span className="field-header__value">{level.level}</span>
        <span className="field-header__hint">
          {level.title} · {formatNumber(Math.max(0, level.nextLevelXp - level.xp))} XP to go
        </span>
      </div>
      <ClosestBadge badges={badges} />
    </section>
  );
}
