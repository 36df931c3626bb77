import { ActivityFeed } from '../components/activity-feed';
import { AlarmGapBanner } from '../components/alarm-gap-banner';
import { PlannedWorkBanner } from '../components/planned-work-banner';
import { AlarmQueue } from '../components/alarm-queue';
import { BadgesPanel } from '../components/badges-panel';
import { MissionPanel } from '../components/mission-panel';
import { OfflineCopyBanner } from '../components/offline-copy-banner';
import { OrderList } from '../components/order-list';
import { PointsHistory } from '../components/points-history';
import { TruckRollList } from '../components/truck-roll-list';
import { useSignedInUser } from '../stores/session.store';

/** GET /api/work-items for my own truck-rolls: the answer the offline copy of the field list comes from. */
function isMyVisitsRead(url: URL): boolean {
  return url.pathname === '/api/work-items' && url.searchParams.get('stream') === 'truckroll' && url.searchParams.get('mine') === 'true';
}

/** My queue by role, with badges, my points history and the team's live activity beside it. */
export function ConsolePage() {
  const { role } = useSignedInUser();
  const technician = role === 'technician';
  return (
    <div className="page page--console">
      <title>My console · OpsQuest</title>
      <header className="page__header">
        <h1 className="page__title">My console</h1>
        <p className="page__subtitle">
          {technician ? 'Your field visits, by appointment.' : 'Open alarms and orders, most severe and most at risk first.'}
        </p>
      </header>
      <div className="console">
        <div className="console__queues">
          {technician ? (
            <>
              <OfflineCopyBanner what="Truck-rolls" matches={isMyVisitsRead} />
              <TruckRollList />
            </>
          ) : (
            <>
              <AlarmGapBanner />
              <PlannedWorkBanner />
              <AlarmQueue />
              <OrderList />
            </>
          )}
        </div>
        <aside className="console__side" aria-label="My progress and team activity">
          <MissionPanel />
          <BadgesPanel />
          <PointsHistory />
          <ActivityFeed />
        </aside>
      </div>
    </div>
  );
}
