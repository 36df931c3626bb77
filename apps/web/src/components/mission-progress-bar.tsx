import { formatNumber } from '../lib/format';

interface MissionProgressBarProps {
  /** names the bar for screen readers, e.g. the mission's title */
  label: string;
  progress: number;
  target: number;
  completed: boolean;
  small?: boolean;
}

/** A mission's progress towards its target; an accessible progressbar. */
export function MissionProgressBar({ label, progress, target, completed, small = false }: MissionProgressBarProps) {
  const shown = Math.min(progress, target);
  const pct = target > 0 ? Math.round((shown / target) * 100) : 0;
  return (
    <div className="mission-progress">
      <div
        className={`progress${small ? ' progress--small' : ''}${completed ? ' mission-progress--done' : ''}`}
        role="progressbar"
        aria-label={`Progress: ${label}`}
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={shown}
        aria-valuetext={`${formatNumber(shown)} of ${formatNumber(target)}${completed ? ', completed' : ''}`}
        data-testid="mission-progress"
      >
        <span className="progress__fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="mission-progress__text">
        {formatNumber(shown)} / {formatNumber(target)}
        {completed && <span className="tag tag--small mission-tag--done">Completed</span>}
      </span>
    </div>
  );
}
