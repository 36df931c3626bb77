import { useId } from 'react';
import { useSearchParams } from 'react-router';
import type { Window } from '@opsquest/core';
import { useTeams } from '../api/dashboard.queries';
import { useLeaderboard } from '../api/leaderboard.queries';
import type { LeaderboardParams } from '../api/query-keys';
import { CsvButton } from '../components/csv-button';
import { LeaderboardTable, leaderboardCsvHeader, leaderboardCsvRows, type LeaderboardMode } from '../components/leaderboard-table';
import { ErrorState, LoadingState } from '../components/query-states';
import { TabList, type TabOption } from '../components/tab-list';
import { csvFileName } from '../lib/csv';
import { formatNumber } from '../lib/format';
import { useSignedInUser, type SessionUser } from '../stores/session.store';
import '../styles/dashboard.css';

type Scope = LeaderboardParams['scope'];

const LIMIT = 50;
/** "Around me": this many standings either side of me. */
const AROUND = 5;
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
const MODES: readonly TabOption<LeaderboardMode>[] = [
  { value: 'top', label: `Top ${LIMIT}` },
  { value: 'around', label: 'Around me' },
];
const PERIOD_NAMES: Record<Window, string> = { day: 'today', week: 'this week', month: 'this month', all: 'all time' };

function pick<T extends string>(options: readonly TabOption<T>[], raw: string | null, fallback: T): T {
  return options.find((o) => o.value === raw)?.value ?? fallback;
}

/** Who may open whose page: themselves; a lead their own team's members; an admin anyone (the server checks again). */
function usePersonAccess(user: SessionUser): (personId: string) => boolean {
  const isLead = user.role === 'lead' && user.team !== null;
  const teams = useTeams(isLead);
  const members = new Set(isLead ? (teams.data?.find((t) => t.id === user.team?.id)?.members.map((m) => m.id) ?? []) : []);
  return (personId) => personId === user.id || user.role === 'admin' || members.has(personId);
}

/** Tabs live in the URL (?scope=team&window=month&view=around), so views can be shared and the back button works. */
export function LeaderboardPage() {
  const user = useSignedInUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const scope = pick(SCOPES, searchParams.get('scope'), 'individual');
  const period = pick(WINDOWS, searchParams.get('window'), 'week');
  const mode = pick(MODES, searchParams.get('view'), 'top');
  const tableId = useId();
  // One request gives both the top list and my neighbours, so "Top / Around me" switches instantly.
  const board = useLeaderboard({ scope, window: period, limit: LIMIT, around: AROUND });
  const canOpen = usePersonAccess(user);

  const update = (key: 'scope' | 'window' | 'view', value: string): void => {
    const next = new URLSearchParams(searchParams);
    next.set(key, value);
    setSearchParams(next, { replace: true });
  };

  const who = scope === 'team' ? 'Team' : 'Individual';
  const caption = `${who} leaderboard, ${PERIOD_NAMES[period]}${mode === 'around' ? ', around me' : ''}`;
  const me = board.data?.me;

  return (
    <div className="page page--leaderboard">
      <title>Leaderboard · OpsQuest</title>
      <header className="page__header">
        <h1 className="page__title">Leaderboard</h1>
        <div className="leaderboard__controls">
          <TabList label="Who" options={SCOPES} value={scope} onChange={(v) => update('scope', v)} controls={tableId} testId="scope-tabs" />
          <TabList label="Period" options={WINDOWS} value={period} onChange={(v) => update('window', v)} controls={tableId} testId="window-tabs" />
          <TabList label="Show" options={MODES} value={mode} onChange={(v) => update('view', v)} controls={tableId} testId="mode-tabs" />
        </div>
      </header>

      {board.isPending ? (
        <LoadingState label="Loading the leaderboard…" />
      ) : board.isError ? (
        <ErrorState title="Could not load the leaderboard" error={board.error} onRetry={() => void board.refetch()} />
      ) : (
        <>
          <div className="leaderboard__toolbar">
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
            <CsvButton
              fileName={csvFileName(['leaderboard', scope, period, mode === 'around' ? 'around-me' : 'top'])}
              header={leaderboardCsvHeader(board.data)}
              rows={() => leaderboardCsvRows(board.data, mode)}
              subject={`the ${caption.toLowerCase()}`}
              testId="leaderboard-csv"
            />
          </div>
          <LeaderboardTable view={board.data} mode={mode} caption={caption} id={tableId} canOpen={canOpen} />
        </>
      )}
    </div>
  );
}
