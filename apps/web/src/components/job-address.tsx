import { ExternalLink, MapPin, Navigation } from 'lucide-react';
import type { WorkItemView } from '@opsquest/contracts';
import { addressText, geoUri, osmPointUrl, osmSearchUrl } from '../lib/job-links';

interface JobAddressProps {
  address: WorkItemView['address'];
  location: WorkItemView['location'];
  /** the site code and region, shown under the address (or alone without one) */
  where: string;
}

/**
 * Where to go: the address, and links to the phone's maps app (geo:) and OpenStreetMap, at the
 * work order's coordinates when it brings them, else as a search for the address.
 */
export function JobAddress({ address, location, where }: JobAddressProps) {
  if (address === undefined && location === undefined && where === '') return null;
  const town = address ? [address.postcode, address.city].filter((part) => part !== undefined).join(' ') : '';
  const osm = location ? osmPointUrl(location) : address ? osmSearchUrl(address) : undefined;
  const label = address ? addressText(address) : where;
  return (
    <section className="job-block" aria-label="Address" data-testid="job-address">
      <MapPin aria-hidden="true" size={18} className="job-block__icon" />
      <div className="job-block__body">
        {address && (
          <address className="job-address">
            {address.line}
            {town !== '' && (
              <>
                <br />
                {town}
              </>
            )}
            {address.country !== undefined && (
              <>
                <br />
                {address.country}
              </>
            )}
          </address>
        )}
        {where !== '' && <p className="job-block__meta">Site {where}</p>}
        {osm !== undefined && (
          <p className="job-links">
            {location && (
              <a className="job-link" href={geoUri(location)} data-testid="job-geo-link">
                <Navigation aria-hidden="true" size={16} />
                Navigate<span className="visually-hidden"> to {label} in your maps app</span>
              </a>
            )}
            <a className="job-link" href={osm} target="_blank" rel="noreferrer" data-testid="job-map-link">
              <ExternalLink aria-hidden="true" size={16} />
              Map<span className="visually-hidden"> of {label} on OpenStreetMap (opens in a new tab)</span>
            </a>
          </p>
        )}
      </div>
    </section>
  );
}
