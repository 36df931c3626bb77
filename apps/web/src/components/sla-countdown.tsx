import type { WorkItemView } from '@opsquest/contracts';
import { useNow } from '../hooks/use-now';
import { formatDuration } from '../lib/format';
import { activeClock, slaStatus, type SlaTone } from '../lib/sla-status';
import { SLA_TONE_ICONS } from '../lib/sla-icons';
import { Icon } from './icon';

function describe(tone: SlaTone, remainingMs: number): string {
  switch (tone) {
    case 'paused':
      return 'paused';
    case 'done':
      return 'met';
    case 'breached':
      return remainingMs < 0 ? `breached ${formatDuration(remainingMs)} ago` : 'breached';
    case 'risk':
      return `at risk, ${formatDuration(remainingMs)} left`;
    case 'ok':
      return `${formatDuration(remainingMs)} left`;
  }
}

/** The running SLA clock of an item, ticking every second: amber when at risk, red when breached. */
export function SlaCountdown({ sla }: { sla: WorkItemView['sla'] }) {
  const now = useNow();
  const { tone, clock, remainingMs } = slaStatus(activeClock(sla), now);
  const target = clock.target === 'response' ? 'Response' : 'Resolution';
  const text = describe(tone, remainingMs);
  return (
    <span className={`sla sla--${tone}`} role="timer" aria-label={`${target} SLA ${text}`} data-testid="sla-countdown" data-tone={tone}>
      <Icon of={SLA_TONE_ICONS[tone]} />
      <span className="sla__target">{target}</span>
      <span className="sla__time">{text}</span>
    </span>
  );
}
