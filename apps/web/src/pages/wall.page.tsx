import { Link, useSearchParams } from 'react-router';
import { WINDOWS, type Window } from '@opsquest/contracts';
import { Hexagon } from 'lucide-react';
import { useWall } from '../api/wall.queries';
import { LiveIndicator } from '../components/live-indicator';
import { ErrorState, LoadingState } from '../components/query-states';
import { WallAlarmSummary } from '../components/wall-alarm-summary';
import { WallPlannedWork } from '../components/wall-planned-work';
import { WallClock } from '../components/wall-clock';
import { WallRecent } from '../components/wall-recent';
import { WallStandings } from '../components/wall-standings';
import { useWallLive } from '../live/use-wall-live';
import { formatNumber } from '../lib/format';
import { Icon } from '../components/icon';
import '../styles/wall.css';

const WINDOW_LABELS: Record<Window, string> = { day: 'Today', week: 'This week', month: 'This month', all: 'All time' };

function windowOf(raw: string | null): Window {
  return WINDOWS.find((w) => w === raw) ?? 'day';
}

/** The NOC's TV wall: full screen, dark, readable across the room, kept live by socket events alone. */
export function WallPage() {
  const [searchParams] = useSearchParams();
  const period = windowOf(searchParams.get('window'));
  const wall = useWall(period);
  useWallLive();

  return (
    <div className="wall" data-theme="dark" data-testid="wall">
      <title>Wall · OpsQuest</title>
      <header className="wall__top">
        <h1 className="wall__title">
          <span className="brand__mark" aria-hidden="true">
            <Icon of={Hexagon} />
          </span>{' '}
          OpsQuest <span className="wall__period">{WINDOW_LABELS[period]}</span>
        </h1>
        <nav className="wall__windows" aria-label="Period">
          {WINDOWS.map((w) => (
            <Link key={w} to={`?window=${w}`} replace className="wall__window" aria-current={w === period ? 'page' : undefined}>
              {WINDOW_LABELS[w]}
            </Link>
          ))}
        </nav>
        <div className="wall__tools">
          <LiveIndicator />
          <WallClock />
          <Link className="wall__exit" to="/">
            Exit wall
          </Link>
        </div>
      </header>
      <main className="wall__main" id="main">
        {wall.isPending ? (
          <LoadingState label="Loading the wall…" />
        ) : wall.isError ? (
          <ErrorState title="Could not load the wall" error={wall.error} onRetry={() => void wall.refetch()} />
        ) : (
          <div className="wall__grid" data-updated-at={wall.data.at}>
            <WallStandings
              title="Teams"
              entries={wall.data.teams}
              kind="team"
              empty="No team has scored yet in this period."
              notes={new Map(wall.data.customersProtected.teams.map((t) => [t.teamId, `${formatNumber(t.customers)} customers protected`]))}
              footer={
                <p className="wall-protected" data-testid="wall-customers-protected" data-count={wall.data.customersProtected.total}>
                  <span className="wall-protected__value">{formatNumber(wall.data.customersProtected.total)}</span> customers protected {WINDOW_LABELS[period].toLowerCase()}
                </p>
              }
            />
            <WallAlarmSummary wall={wall.data} />
            <WallPlannedWork />
            <WallStandings title="Top people" entries={wall.data.people.slice(0, 8)} kind="person" empty="Nobody has scored yet in this period." />
            <WallRecent items={wall.data.recent.slice(0, 8)} />
          </div>
        )}
      </main>
    </div>
  );
}
