import type { LevelInfo } from '@opsquest/contracts';
import { formatNumber } from '../lib/format';

/** Level badge and the bar to the next level (xp / nextLevelXp). */
export function LevelProgress({ level }: { level: LevelInfo }) {
  const pct = Math.min(100, Math.max(0, level.progressPct));
  return (
    <div className="level">
      <span className="level__badge" data-testid="level" data-level={level.level}>
        <span aria-hidden="true">Lv {level.level}</span>
        <span className="visually-hidden">Level {level.level}</span>
      </span>
      <div className="level__body">
        <span className="level__title">{level.title}</span>
        <div
          className="progress"
          role="progressbar"
          aria-label={`Progress to level ${level.level + 1}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-valuetext={`${formatNumber(level.xp)} of ${formatNumber(level.nextLevelXp)} XP`}
          data-testid="level-progress"
        >
          <span className="progress__fill" style={{ width: `${pct}%` }} />
        </div>
        <span className="level__xp">
          {formatNumber(level.xp)} / {formatNumber(level.nextLevelXp)} XP
        </span>
      </div>
    </div>
  );
}
