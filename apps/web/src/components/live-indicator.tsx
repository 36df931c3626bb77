import { LoaderCircle, Radio, RefreshCw, WifiOff, type LucideIcon } from 'lucide-react';
import { formatWhen } from '../lib/format';
import { useUiStore, type LiveStatus } from '../stores/ui.store';

const ICONS: Record<LiveStatus, LucideIcon> = { connecting: LoaderCircle, live: Radio, reconnecting: RefreshCw, offline: WifiOff };

/** "Reconnecting (attempt 3)", "Offline": what the live connection is doing, in words. */
export function liveLabel(status: LiveStatus, attempt: number, browserOnline: boolean): string {
  switch (status) {
    case 'live':
      return 'Live';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return attempt > 0 ? `Reconnecting (attempt ${attempt})` : 'Reconnecting…';
    case 'offline':
      return browserOnline ? 'Offline, live updates stopped' : 'Offline, no network';
  }
}

/** The same, in a word or two: for the phone's top bar. */
export function shortLiveLabel(status: LiveStatus, attempt: number): string {
  if (status === 'reconnecting') return attempt > 0 ? `Retry ${attempt}` : 'Retrying';
  if (status === 'offline') return 'Offline';
  return status === 'live' ? 'Live' : 'Connecting';
}

/** Live, connecting, reconnecting or offline, and since when live updates stopped. Never "Live" while the browser is offline. */
export function LiveIndicator() {
  const status = useUiStore((state) => state.liveStatus);
  const attempt = useUiStore((state) => state.reconnectAttempt);
  const browserOnline = useUiStore((state) => state.browserOnline);
  const since = useUiStore((state) => state.notLiveSince);
  const Icon = ICONS[status];
  const label = liveLabel(status, attempt, browserOnline);
  const showSince = status === 'reconnecting' || status === 'offline';
  const sinceText = showSince ? `since ${formatWhen(new Date(since).toISOString())}` : undefined;
  return (
    <span
      className={`live live--${status}`}
      role="status"
      data-testid="live-status"
      data-status={status}
      title={sinceText === undefined ? label : `${label}, ${sinceText}`}
    >
      <Icon aria-hidden="true" focusable="false" size={16} className={`live__icon${status === 'connecting' || status === 'reconnecting' ? ' live__icon--turning' : ''}`} />
      <span className="live__text">
        <span className="live__label live__label--long">{label}</span>
        <span className="live__label live__label--short">{shortLiveLabel(status, attempt)}</span>
        {sinceText !== undefined && (
          <span className="live__since" data-testid="live-since">
            {sinceText}
          </span>
        )}
      </span>
    </span>
  );
}
