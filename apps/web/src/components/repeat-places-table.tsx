import { Fragment, useId, useState } from 'react';
import type { PlaceCounts, RepeatPlace } from '@opsquest/contracts';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { formatNumber, formatWhen } from '../lib/format';
import { Icon } from './icon';
import { PlaceHistory } from './place-history';

const COLUMNS = 9;

function counts(c: PlaceCounts): string {
  const parts = [`${formatNumber(c.faults)} ${c.faults === 1 ? 'fault' : 'faults'}`, `${formatNumber(c.visits)} ${c.visits === 1 ? 'visit' : 'visits'}`];
  if (c.orders > 0) parts.push(`${formatNumber(c.orders)} ${c.orders === 1 ? 'order' : 'orders'}`);
  return parts.join(', ');
}

function PlaceRow({ place, rank, noun }: { place: RepeatPlace; rank: number; noun: string }) {
  const [open, setOpen] = useState(false);
  const historyId = useId();
  const recent = place.last30Days.faults + place.last30Days.visits;
  const all = place.last90Days.faults + place.last90Days.visits;
  return (
    <Fragment>
      <tr data-testid="repeat-row" data-key={place.key} data-recent={recent} data-total={all}>
        <td className="network-table__num network-table__rank">{rank}</td>
        <th scope="row">
          <button type="button" className="repeat__toggle" aria-expanded={open} aria-controls={historyId} onClick={() => setOpen((o) => !o)} data-testid="repeat-toggle">
            <Icon of={open ? ChevronDown : ChevronRight} />
            <span>{place.key}</span>
            <span className="visually-hidden">{open ? `: hide the history of this ${noun}` : `: show the history of this ${noun}`}</span>
          </button>
        </th>
        <td className="network-table__num network-table__strong">{formatNumber(recent)}</td>
        <td className="network-table__num">{formatNumber(all)}</td>
        <td className="network-table__num">{formatNumber(place.last90Days.faults)}</td>
        <td className="network-table__num">{formatNumber(place.last90Days.visits)}</td>
        <td className="network-table__num">{formatNumber(place.last90Days.orders)}</td>
        <td className={`network-table__num${place.open === 0 ? ' network-table__zero' : ''}`}>{formatNumber(place.open)}</td>
        <td>
          <time dateTime={place.lastSeen}>{formatWhen(place.lastSeen)}</time>
        </td>
      </tr>
      <tr className="repeat__details" id={historyId} hidden={!open}>
        <td colSpan={COLUMNS}>
          {open && <PlaceHistory entries={place.history} caption={`History of ${noun} ${place.key}, last 90 days: ${counts(place.last90Days)}`} />}
        </td>
      </tr>
    </Fragment>
  );
}

/** Customers or sites with repeat faults or visits, ranked; each row opens its history in place. */
export function RepeatPlacesTable({ places, noun, caption, testId }: { places: readonly RepeatPlace[]; noun: 'customer' | 'site'; caption: string; testId: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table network-table repeat" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="network-table__num network-table__rank">
              Rank
            </th>
            <th scope="col">{noun === 'customer' ? 'Customer' : 'Site'}</th>
            <th scope="col" className="network-table__num">
              Faults and visits, 30 days
            </th>
            <th scope="col" className="network-table__num">
              Faults and visits, 90 days
            </th>
            <th scope="col" className="network-table__num">
              Faults
            </th>
            <th scope="col" className="network-table__num">
              Visits
            </th>
            <th scope="col" className="network-table__num">
              Orders
            </th>
            <th scope="col" className="network-table__num">
              Open now
            </th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {places.map((place, i) => (
            <PlaceRow key={place.key} place={place} rank={i + 1} noun={noun} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
