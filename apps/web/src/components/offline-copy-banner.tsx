import { CloudOff } from 'lucide-react';
import { useNow } from '../hooks/use-now';
import { formatWhen } from '../lib/format';
import { formatSavedAge, shownAsOf } from '../pwa/saved-age';
import { useSavedAt } from '../pwa/use-saved-at';
import { useUiStore } from '../stores/ui.store';

interface OfflineCopyBannerProps {
  /** what the list shows, e.g. "Truck-rolls" */
  what: string;
  /** the API reads the list comes from (a stable function: module level) */
  matches: (url: URL) => boolean;
}

/**
 * While live updates are down: says that the list is the copy kept on this device, and how old it
 * is (the service worker's saved answer, or the last moment live updates reached the page).
 */
export function OfflineCopyBanner({ what, matches }: OfflineCopyBannerProps) {
  const status = useUiStore((state) => state.liveStatus);
  return status === 'offline' || status === 'reconnecting' ? <OfflineCopyNotice what={what} matches={matches} /> : null;
}

function OfflineCopyNotice({ what, matches }: OfflineCopyBannerProps) {
  const everLive = useUiStore((state) => state.everLive);
  const notLiveSince = useUiStore((state) => state.notLiveSince);
  const saved = useSavedAt(matches, String(notLiveSince));
  const now = useNow();
  const asOf = shownAsOf(saved, everLive ? notLiveSince : undefined);
  return (
    <p className="offline-copy" role="status" data-testid="offline-copy" data-as-of={asOf === undefined ? '' : new Date(asOf).toISOString()}>
      <CloudOff aria-hidden="true" focusable="false" size={16} className="offline-copy__icon" />
      <span>
        <strong>Offline copy.</strong>{' '}
        {asOf === undefined ? (
          `${what} as last loaded; their age is unknown.`
        ) : (
          <>
            {what} {formatSavedAge(asOf, now)} <span className="offline-copy__time">({formatWhen(new Date(asOf).toISOString())})</span>.
          </>
        )}
      </span>
    </p>
  );
}
