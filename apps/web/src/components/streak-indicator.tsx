import { Flame, Snowflake, TriangleAlert } from 'lucide-react';
import type { MeView } from '@opsquest/contracts';

/** "before 17:30", or "before midnight" when the day ends at 00:00 on this device's clock. */
export function actBeforeText(iso: string): string {
  const at = new Date(iso);
  if (at.getHours() === 0 && at.getMinutes() === 0) return 'before midnight';
  return `before ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
}

function freezesText(freezes: number): string {
  return freezes === 1 ? '1 streak freeze banked' : `${freezes} streak freezes banked`;
}

/**
 * My daily streak with its banked freezes, and the truth about today: at risk until a scored action
 * (by the end of the day), or covered by a freeze if the day passes without one.
 */
export function StreakIndicator({ streak }: { streak: MeView['streak'] }) {
  const days = streak.current === 1 ? 'day' : 'days';
  const covered = streak.atRisk && streak.freezeCoversToday;
  const state = !streak.atRisk ? 'safe' : covered ? 'covered' : 'at-risk';
  return (
    <div className={`stat streak streak--${state}${streak.atRisk && !covered ? ' streak--at-risk' : ''}`} data-testid="streak" data-current={streak.current} data-freezes={streak.freezes}>
      <span className="stat__label">Streak</span>
      <span className="stat__value">
        <Flame className="streak__flame" aria-hidden="true" focusable="false" size={18} />
        {streak.current} {days}
        {streak.freezes > 0 && (
          <span className="streak__freezes" data-testid="streak-freezes" title={freezesText(streak.freezes)}>
            <Snowflake aria-hidden="true" focusable="false" size={14} />
            <span aria-hidden="true">{streak.freezes}</span>
            <span className="visually-hidden">{freezesText(streak.freezes)}</span>
          </span>
        )}
      </span>
      <span className="stat__hint" data-testid="streak-note">
        {streak.atRisk ? (
          covered ? (
            <span className="streak__covered">
              <Snowflake aria-hidden="true" focusable="false" size={12} /> No work yet today: a freeze will cover today
            </span>
          ) : (
            <strong className="streak__warning">
              <TriangleAlert aria-hidden="true" focusable="false" size={12} /> Streak at risk: act {streak.actBefore !== undefined ? actBeforeText(streak.actBefore) : 'today'}
            </strong>
          )
        ) : (
          <>best {streak.best}</>
        )}
      </span>
    </div>
  );
}
