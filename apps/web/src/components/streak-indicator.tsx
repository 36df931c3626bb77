import type { StreakView } from '@opsquest/contracts';

export function StreakIndicator({ streak }: { streak: StreakView }) {
  const days = streak.current === 1 ? 'day' : 'days';
  return (
    <div className={`stat streak${streak.atRisk ? ' streak--at-risk' : ''}`} data-testid="streak" data-current={streak.current}>
      <span className="stat__label">Streak</span>
      <span className="stat__value">
        <span aria-hidden="true">🔥 </span>
        {streak.current} {days}
      </span>
      <span className="stat__hint">
        best {streak.best}
        {streak.atRisk && (
          <strong className="streak__warning">
            <span aria-hidden="true"> ⚠ </span>act today to keep it
          </strong>
        )}
      </span>
    </div>
  );
}
