import { useId } from 'react';
import { useSearchParams } from 'react-router';
import type { BoardLeague, BoardMetric, Window } from '@opsquest/contracts';
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
import '../styles/kudos.css';

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
  { value: 'around', label: 'Around me' },
  { value: 'top', label: `Top list (${LIMIT})` },
];
const LEAGUES: readonly TabOption<BoardLeague>[] = [
  { value: 'mine', label: 'My league' },
  { value: 'all', label: 'Everyone' },
];
const METRICS: readonly TabOption<BoardMetric>[] = [
  { value: 'points', label: 'Points' },
  { value: 'perHour', label: 'Per hour' },
];
const LEAGUE_NAMES = { engineer: 'NOC engineers', technician: 'field technicians', all: 'everyone' } as const;
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

/**
 * Tabs live in the URL (?scope=team&window=month&view=around&league=all&metric=perHour), so views can
 * be shared and the back button works. Individual boards open "around me" in my league (peers of my
 * role); the top list and everyone are one click away. Team boards open on the top list.
 */
export function LeaderboardPage() {
  const user = useSignedInUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const scope = pick(SCOPES, searchParams.get('scope'), 'individual');
  const period = pick(WINDOWS, searchParams.get('window'), 'week');
  const mode = pick(MODES, searchParams.get('view'), scope === 'team' ? 'top' : 'around');
  const hasLeague = user.role === 'engineer' || user.role === 'technician';
  const league = pick(LEAGUES, searchParams.get('league'), hasLeague ? 'mine' : 'all');
  const metric = pick(METRICS, searchParams.get('metric'), 'points');
  const tableId = useId();
  // One request gives both the top list and my neighbours, so "Top / Around me" switches instantly.
  const board = useLeaderboard({
    scope,
    window: period,
    limit: LIMIT,
    around: AROUND,
    ...(scope === 'individual' ? { league, metric } : {}),
  });
  const canOpen = usePersonAccess(user);

  const update = (key: 'scope' | 'window' | 'view' | 'league' | 'metric', value: string): void => {
    const next = new URLSearchParams(searchParams);
    next.set(key, value);
    setSearchParams(next, { replace: true });
  };

  const who = scope === 'team' ? 'Team' : 'Individual';
  const shownLeague = board.data?.league;
  const leagueText = scope === 'individual' && shownLeague ? `, ${LEAGUE_NAMES[shownLeague]}` : '';
  const metricText = scope === 'individual' && metric === 'perHour' ? ', points per scheduled hour' : '';
  const caption = `${who} leaderboard${leagueText}, ${PERIOD_NAMES[period]}${metricText}${mode === 'around' ? ', around me' : ''}`;
  const me = board.data?.me;
  const tier = board.data?.tier;

  return (
    <div className="page page--leaderboard">
      <title>Leaderboard · OpsQuest</title>
      <header className="page__header">
        <h1 className="page__title">Leaderboard</h1>
        <div className="leaderboard__controls">
          <TabList label="Who" options={SCOPES} value={scope} onChange={(v) => update('scope', v)} controls={tableId} testId="scope-tabs" />
          <TabList label="Period" options={WINDOWS} value={period} onChange={(v) => update('window', v)} controls={tableId} testId="window-tabs" />
          <TabList label="Show" options={MODES} value={mode} onChange={(v) => update('view', v)} controls={tableId} testId="mode-tabs" />
          {scope === 'individual' && hasLeague && (
            <TabList label="League" options={LEAGUES} value={league} onChange={(v) => update('league', v)} controls={tableId} testId="league-tabs" />
          )}
          {scope === 'individual' && (
            <TabList label="Measure" options={METRICS} value={metric} onChange={(v) => update('metric', v)} controls={tableId} testId="metric-tabs" />
          )}
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
              {tier && (
                <span className={`tier-badge tier-badge--${tier}`} data-testid="tier-badge">
                  {tier[0]?.toUpperCase()}
                  {tier.slice(1)} tier
                </span>
              )}
              {board.isPlaceholderData && <span className="my-rank__updating"> Updating…</span>}
            </p>
            <CsvButton
              fileName={csvFileName(['leaderboard', scope, period, mode === 'around' ? 'around-me' : 'top', ...(scope === 'individual' && metric === 'perHour' ? ['per-hour'] : [])])}
              header={leaderboardCsvHeader(board.data)}
              rows={() => leaderboardCsvRows(board.data, mode)}
              subject={`the ${caption.toLowerCase()}`}
              testId="leaderboard-csv"
            />
          </div>
          {scope === 'individual' && (
            <p className="leaderboard__fairness" data-testid="league-note">
              {shownLeague && shownLeague !== 'all' ? `You compete with ${LEAGUE_NAMES[shownLeague]}${tier ? ` in the ${tier} tier this week` : ''}.` : 'Everyone who scored, all roles.'}
              {metric === 'perHour' && ' Points per scheduled hour: points divided by the working hours scheduled for each person in this period so far (their work days × hours a day), so a shift pattern does not decide the winner.'}
            </p>
          )}
          <LeaderboardTable view={board.data} mode={mode} caption={caption} id={tableId} canOpen={canOpen} kudos />
        </>
      )}
    </div>
  );
}
