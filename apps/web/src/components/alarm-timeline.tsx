import type { TimelineEntry } from '@opsquest/contracts';
import { Ban } from 'lucide-react';
import { formatSignedPoints, formatWhen } from '../lib/format';
import { timelineActor, timelineDetails, timelineLabel } from './alarm-timeline-text';
import { Icon } from './icon';

function TimelineEvent({ entry, earlier }: { entry: TimelineEntry; earlier: readonly TimelineEntry[] }) {
  const details = timelineDetails(entry);
  const label = timelineLabel(entry, earlier);
  return (
    <li
      className={`alarm-timeline__event${entry.applied ? '' : ' alarm-timeline__event--refused'}`}
      data-testid="timeline-event"
      data-transition={entry.transition}
      data-applied={entry.applied}
    >
      <span className="alarm-timeline__dot" aria-hidden="true" />
      <div className="alarm-timeline__body">
        <p className="alarm-timeline__head">
          <strong className="alarm-timeline__what">{label}</strong>
          <span className="alarm-timeline__who" data-testid="timeline-actor">
            by {timelineActor(entry)}
          </span>
          <span className="tag tag--small">via {entry.via}</span>
          <time className="alarm-timeline__when" dateTime={entry.at} title={new Date(entry.at).toLocaleString()}>
            {formatWhen(entry.at)}
          </time>
        </p>
        {!entry.applied && (
          <p className="alarm-timeline__refused">
            <Icon of={Ban} className="icon--lead" />
            Not applied{entry.reason !== undefined ? `: ${entry.reason}` : ''}
          </p>
        )}
        {details.length > 0 && <p className="alarm-timeline__details">{details.join(' · ')}</p>}
        {entry.points.length > 0 && (
          <ul className="alarm-timeline__points" aria-label={`Points for ${label}`}>
            {entry.points.map((p) => (
              <li key={p.entryId} className="alarm-timeline__award" data-testid="timeline-points" data-points={p.points}>
                <span className={`ledger__points${p.points < 0 ? ' ledger__points--negative' : ''}`}>{formatSignedPoints(p.points)}</span>
                <span className="alarm-timeline__reason">
                  {p.reason}
                  {p.reversalOf !== undefined && <span className="tag tag--small">reversal</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

/** Every event of the item in order: what happened, who did it, how it came in, and the points it earned or took back. */
export function AlarmTimeline({ events }: { events: readonly TimelineEntry[] }) {
  return (
    <ol className="alarm-timeline" data-testid="alarm-timeline">
      {events.map((entry, index) => (
        <TimelineEvent key={entry.seq} entry={entry} earlier={events.slice(0, index)} />
      ))}
    </ol>
  );
}
