import { Link, useParams } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import { useAlarmTimeline } from '../api/alarms.queries';
import { isApiRequestError } from '../api/http';
import { AlarmCommentForm } from '../components/alarm-comment-form';
import { AlarmDetailActions } from '../components/alarm-detail-actions';
import { AlarmFacts } from '../components/alarm-facts';
import { AlarmGapBanner } from '../components/alarm-gap-banner';
import { AlarmIncidentPanel } from '../components/alarm-incident-panel';
import { AlarmTimeline } from '../components/alarm-timeline';
import { Panel } from '../components/panel';
import { EmptyState, ErrorState, LoadingState } from '../components/query-states';
import { formatSignedPoints } from '../lib/format';
import { useAlarmLive } from '../live/use-alarm-live';
import { Icon } from '../components/icon';
import '../styles/alarm-board.css';

function BackLink() {
  return (
    <Link className="alarm-detail__back" to="/">
      <Icon of={ArrowLeft} className="icon--lead" />
      Alarm board
    </Link>
  );
}

/** The source name of alarms that came from Prometheus Alertmanager. */
const ALERTMANAGER_SOURCE = 'alertmanager';

/** One alarm: its facts, both SLA clocks, ack / clear, and its whole history with the points each step earned. */
export function AlarmDetailPage() {
  const id = Number(useParams().id);
  const timeline = useAlarmTimeline(id);
  useAlarmLive(id);

  if (!Number.isInteger(id) || id <= 0 || isApiRequestError(timeline.error, 404)) {
    return (
      <div className="page alarm-detail">
        <title>Alarm not found · OpsQuest</title>
        <BackLink />
        <EmptyState title="Alarm not found">There is no alarm with this number. It may have been mistyped.</EmptyState>
      </div>
    );
  }
  if (timeline.isPending) return <LoadingState label="Loading the alarm…" />;
  if (timeline.isError) return <ErrorState title="Could not load the alarm" error={timeline.error} onRetry={() => void timeline.refetch()} />;

  const { item, events } = timeline.data;
  const total = events.flatMap((e) => e.points).reduce((sum, p) => sum + p.points, 0);
  return (
    <div className="page alarm-detail" data-testid="alarm-detail" data-id={item.id}>
      <title>{`${item.title} · OpsQuest`}</title>
      <BackLink />
      <header className="page__header alarm-detail__header">
        <div className="alarm-detail__heading">
          <h1 className="page__title">{item.title}</h1>
          <p className="page__subtitle">
            {item.source} · {item.externalKey}
          </p>
        </div>
        <AlarmDetailActions alarm={item} />
      </header>
      {item.source === ALERTMANAGER_SOURCE && <AlarmGapBanner where="alarm" />}
      <div className="alarm-detail__grid">
        <div className="alarm-detail__side">
          <Panel title="Facts" testId="alarm-facts-panel">
            <AlarmFacts alarm={item} />
            <AlarmCommentForm alarm={item} />
          </Panel>
          {/* keyed by alarm: a link to another alarm of the incident starts the panel afresh */}
          <AlarmIncidentPanel key={item.id} alarm={item} />
        </div>
        <Panel
          title="Timeline"
          testId="alarm-timeline-panel"
          meta={`${events.length} ${events.length === 1 ? 'event' : 'events'} · ${formatSignedPoints(total)} points${timeline.isFetching ? ' · updating…' : ''}`}
        >
          {events.length === 0 ? <EmptyState title="No events recorded">Events appear here as they arrive.</EmptyState> : <AlarmTimeline events={events} />}
        </Panel>
      </div>
    </div>
  );
}
