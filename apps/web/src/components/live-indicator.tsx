import { useUiStore, type LiveStatus } from '../stores/ui.store';

const LABELS: Record<LiveStatus, string> = { connecting: 'Connecting…', live: 'Live', offline: 'Offline, reconnecting' };
const ICONS: Record<LiveStatus, string> = { connecting: '◌', live: '●', offline: '○' };

export function LiveIndicator() {
  const status = useUiStore((state) => state.liveStatus);
  return (
    <span className={`live live--${status}`} role="status" data-testid="live-status" data-status={status}>
      <span aria-hidden="true">{ICONS[status]}</span> {LABELS[status]}
    </span>
  );
}
