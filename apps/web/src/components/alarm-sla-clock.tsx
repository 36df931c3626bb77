import type { SlaClockDto } from '@opsquest/contracts';
import { useNow } from '../hooks/use-now';
import { formatDuration, formatWhen } from '../lib/format';
import { slaStatus, type SlaTone } from '../lib/sla-status';
import { SLA_TONE_ICONS } from '../lib/sla-icons';
import { Icon } from './icon';

function describe(tone: SlaTone, remainingMs: number, clock: SlaClockDto): string {
  switch (tone) {
    case 'paused':
      return 'paused';
    case 'done':
      return clock.outcome === 'cancelled' ? 'stopped' : `met with ${formatDuration(remainingMs)} to spare`;
    case 'breached':
      return clock.stoppedAt !== undefined ? 'breached' : `breached ${formatDuration(remainingMs)} ago`;
    case 'risk':
      return `at risk, ${formatDuration(remainingMs)} left`;
    case 'ok':
      return `${formatDuration(remainingMs)} left`;
  }
}

/** One SLA clock (response or resolution) in words, ticking: amber at risk, red on breach. */
export function AlarmSlaClock({ clock }: { clock: SlaClockDto }) {
  const now = useNow();
  const { tone, remainingMs } = slaStatus(clock, now);
  const target = clock.target === 'response' ? 'Response' : 'Resolution';
  const text = describe(tone, remainingMs, clock);
  return (
    <span className="alarm-sla" data-testid={`sla-${clock.target}`} data-tone={tone}>
      <span className={`sla sla--${tone}`} role="timer" aria-label={`${target} SLA ${text}`}>
        <Icon of={SLA_TONE_ICONS[tone]} />
        <span className="sla__time">{text}</span>
      </span>
      <span className="alarm-sla__due">due {formatWhen(clock.dueAt)}</span>
    </span>
  );
}
