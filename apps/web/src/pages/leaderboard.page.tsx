import { useId } from 'react';
import { useSearchParams } from 'react-router';
import type { Window } from '@opsquest/core';
import { useLeaderboard } from '../api/leaderboard.queries';
import type { LeaderboardParams } from '../api/query-keys';
import { LeaderboardTable } from '../components/leaderboard-table';
import { ErrorState, LoadingState } from '../components/query-states';
import { TabList, type TabOption } from '../components/tab-list';
import { formatNumber } from '../lib/format';

type Scope = LeaderboardParams['scope'];

const LIMIT = 50;
const SCOPES: readonly TabOption<Scope>[] = [
  { value: 'individual', label: 'Individual' },
  { value: 'team', label: 'Team' },
];
const WINDOWS: readonly TabOption<Window>[] = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
  { value: 'all', label: 'All time' },
];
const PERIOD_NAMES: Record<Window, string> = { day: 'today', week: 'this week', month: 'this month', all: 'all time' };

function pick<T extends string>(options: readonly TabOption<T>[], raw: string | null, fallback: T): T {
  return options.find((o) => o.value === raw)?.value ?? fallback;
}

/** Tabs live in the URL (?scope=team&window=month), so views can be shared and the back button works. */
export function LeaderboardPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const scope = pick(SCOPES, searchParams.get('scope'), 'individual');
  const period = pick(WINDOWS, searchParams.get('window'), 'week');
  const tableId = useId();
  const board = useLeaderboard({ scope, window: period, limit: LIMIT });

  const update = (key: 'scope' | 'window', value: string): void => {
    const next = new URLSearchParams(searchParams);
    next.set(key, value);
    setSearchParams(next, { replace: true });
  };

  const caption = `${scope === 'team' ? 'Team' : 'Individual'} leaderboard, ${PERIOD_NAMES[period]}`;
  const me = board.data?.me;

  return (
    <div className="page page--leaderboard">
      <title>Leaderboard · OpsQuest</title>
      <header className="page__header">
        <h1 className="page__title">Leaderboard</h1>
        <div className="leaderboard__controls">
          <TabList label="Who" options={SCOPES} value={scope} onChange={(v) => update('scope', v)} controls={tableId} testId="scope-tabs" />
          <TabList label="Period" options={WINDOWS} value={period} onChange={(v) => update('window', v)} controls={tableId} testId="window-tabs" />
        </div>
      </header>

      {board.isPending ? (
        <LoadingState label="Loading the leaderboard…" />
      ) : board.isError ? (
        <ErrorState title="Could not load the leaderboard" error={board.error} onRetry={() => void board.refetch()} />
      ) : (
        <>
          <p className="my-rank" data-testid="my-rank" aria-live="polite">
            {me ? (
              <>
                {scope === 'team' ? 'Your team is' : 'You are'} <strong>#{me.rank}</strong> of {formatNumber(board.data.total)} with{' '}
                <strong>{formatNumber(me.points)}</strong> points {PERIOD_NAMES[period]}.
              </>
            ) : (
              <>{scope === 'team' ? 'Your team is' : 'You are'} not ranked yet for {PERIOD_NAMES[period]}: earn points to get on the board.</>
            )}
            {board.isPlaceholderData && <span className="my-rank__updating"> Updating…</span>}
          </p>
          <LeaderboardTable view={board.data} caption={caption} id={tableId} />
        </>
      )}
    </div>
  );
}
