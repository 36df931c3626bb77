import { Link } from 'react-router';
import { useMissions } from '../api/missions.queries';
import { useMissionsLive } from '../live/use-missions-live';
import { MissionProgressBar } from './mission-progress-bar';
import { Panel } from './panel';
import { EmptyState, ErrorState, LoadingState } from './query-states';

/** The console's compact "My missions": up to three active ones with live progress bars. */
export function MissionPanel() {
  useMissionsLive();
  const missions = useMissions();
  const mine = (missions.data ?? []).filter((m) => m.status === 'active' && m.mine && !m.mine.completed).slice(0, 3);
  return (
    <Panel title="My missions" testId="mission-panel" meta={<Link to="/missions">All missions</Link>}>
      {missions.isPending ? (
        <LoadingState label="Loading missions…" />
      ) : missions.isError ? (
        <ErrorState title="Could not load missions" error={missions.error} onRetry={() => void missions.refetch()} />
      ) : mine.length === 0 ? (
        <EmptyState title="No active missions">Your lead's missions for you show up here.</EmptyState>
      ) : (
        <ul className="mission-mini">
          {mine.map((m) => (
            <li key={m.id} className="mission-mini__item">
              <span className="mission-mini__title">{m.title}</span>
              {m.mine && <MissionProgressBar label={m.title} progress={m.mine.progress} target={m.target} completed={m.mine.completed} small />}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
