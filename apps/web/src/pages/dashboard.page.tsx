import { useId } from 'react';
import { useSearchParams } from 'react-router';
import type { DashboardView } from '@opsquest/contracts';
import { useDashboard, useTeams } from '../api/dashboard.queries';
import { isApiRequestError } from '../api/http';
import { CsvButton } from '../components/csv-button';
import { DashboardInsights, TREND_PERIODS } from '../components/dashboard-insights';
import { HeldReviewPanel } from '../components/held-review-panel';
import { BacklogChart, PointsByPersonChart, ResponseTimesChart, ShiftChart, SlaChart } from '../components/dashboard-charts';
import { DAY_COLUMNS, DashboardDayTable, dayRows, round1 } from '../components/dashboard-day-table';
import { EmptyState, ErrorState, LoadingState } from '../components/query-states';
import { TabList, type TabOption } from '../components/tab-list';
import { useDashboardLive } from '../live/use-dashboard-live';
import { csvFileName } from '../lib/csv';
import { formatMinutesText, formatNumber } from '../lib/format';
import { useSignedInUser } from '../stores/session.store';
import '../styles/dashboard.css';

type Period = '7' | '14' | '30' | '90';
const PERIODS: readonly TabOption<Period>[] = [
  { value: '7', label: '7 days' },
  { value: '14', label: '14 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
];
const DEFAULT_PERIOD: Period = '14';

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat kpi" data-testid={testId}>
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
    </div>
  );
}

function Totals({ view }: { view: DashboardView }) {
  const { totals } = view;
  const points = view.days.reduce((sum, d) => sum + d.points, 0);
  return (
    <dl className="kpis" aria-label="Totals for the period">
      <Kpi label="Closed" value={formatNumber(totals.closed)} testId="kpi-closed" />
      <Kpi label="MTTA" value={formatMinutesText(totals.mttaMinutes)} testId="kpi-mtta" />
      <Kpi label="MTTR" value={formatMinutesText(totals.mttrMinutes)} testId="kpi-mttr" />
      <Kpi label="SLA attainment" value={totals.slaAttainmentPct === null ? '—' : `${formatNumber(round1(totals.slaAttainmentPct) ?? 0)}%`} testId="kpi-sla" />
      <Kpi label="Points" value={formatNumber(points)} testId="kpi-points" />
      <Kpi label="Customers protected" value={formatNumber(view.customersProtected.customers)} testId="kpi-customers-protected" />
    </dl>
  );
}

function DashboardBody({ view, periodLabel, teamLabel }: { view: DashboardView; periodLabel: string; teamLabel: string }) {
  const tableId = useId();
  const quiet = view.totals.closed === 0 && view.days.every((d) => d.points === 0 && d.opened === 0);
  return (
    <>
      <Totals view={view} />
      {quiet && (
        <EmptyState title="A quiet period">
          No work was opened or closed and nobody scored in the last {periodLabel}. Pick a longer period to see trends.
        </EmptyState>
      )}
      <div className="dashboard__grid">
        <ResponseTimesChart view={view} />
        <SlaChart view={view} />
        <BacklogChart view={view} />
        <ShiftChart view={view} />
        <div className="dashboard__wide">
          <PointsByPersonChart view={view} />
        </div>
      </div>
      <section className="panel dashboard__days" aria-labelledby={`${tableId}-heading`} data-testid="dashboard-days">
        <header className="panel__header">
          <h2 id={`${tableId}-heading`} className="panel__title">
            Per day
          </h2>
          <CsvButton
            fileName={csvFileName(['dashboard', teamLabel, `${view.days.length}-days`])}
            header={DAY_COLUMNS}
            rows={() => dayRows(view.days)}
            subject="the per-day table"
            testId="dashboard-csv"
          />
        </header>
        <DashboardDayTable days={view.days} id={tableId} />
      </section>
    </>
  );
}

/** The lead's trends. Period and (for admins) team live in the URL: ?days=30&team=t-noc. */
export function DashboardPage() {
  const user = useSignedInUser();
  const isAdmin = user.role === 'admin';
  const allowed = isAdmin || user.role === 'lead';
  const [searchParams, setSearchParams] = useSearchParams();
  const period = PERIODS.find((p) => p.value === searchParams.get('days'))?.value ?? DEFAULT_PERIOD;
  const teamParam = searchParams.get('team') ?? undefined;
  // A lead always sees their own team; only an admin chooses.
  const teamId = isAdmin ? teamParam || undefined : undefined;
  const panelId = useId();
  const teamSelectId = useId();
  useDashboardLive();
  const teams = useTeams(isAdmin);
  const dashboard = useDashboard({ days: Number(period), teamId });

  const trendPeriod = TREND_PERIODS.find((p) => p === searchParams.get('trend')) ?? '30';

  const update = (key: 'days' | 'team' | 'trend', value: string | undefined): void => {
    const next = new URLSearchParams(searchParams);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
    setSearchParams(next, { replace: true });
  };

  const teamLabel = isAdmin ? (teamId === undefined ? 'All teams' : (teams.data?.find((t) => t.id === teamId)?.name ?? teamId)) : (user.team?.name ?? 'My team');
  const periodLabel = PERIODS.find((p) => p.value === period)?.label ?? `${period} days`;

  if (!allowed) {
    return (
      <div className="page">
        <title>Dashboard · OpsQuest</title>
        <h1 className="page__title">Team dashboard</h1>
        <EmptyState title="The dashboard is for team leads and admins">Your own progress is on your profile and the leaderboard.</EmptyState>
      </div>
    );
  }

  return (
    <div className="page page--dashboard">
      <title>{`Dashboard · ${teamLabel} · OpsQuest`}</title>
      <header className="page__header">
        <h1 className="page__title">Team dashboard</h1>
        <div className="dashboard__controls">
          {isAdmin && (
            <div className="field field--inline">
              <label className="field__label" htmlFor={teamSelectId}>
                Team
              </label>
              <select id={teamSelectId} className="select" value={teamId ?? ''} onChange={(e) => update('team', e.target.value)} data-testid="team-select">
                <option value="">All teams</option>
                {teams.data?.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <TabList label="Period" options={PERIODS} value={period} onChange={(v) => update('days', v)} controls={panelId} testId="period-tabs" />
        </div>
        <p className="page__subtitle" data-testid="dashboard-scope">
          {teamLabel}, last {periodLabel}
          {dashboard.isPlaceholderData && <span className="my-rank__updating"> · Updating…</span>}
        </p>
      </header>

      <div id={panelId} role="tabpanel" aria-label={`${teamLabel}, last ${periodLabel}`} className="dashboard" aria-busy={dashboard.isFetching}>
        {dashboard.isPending ? (
          <LoadingState label="Loading the team's trends…" />
        ) : dashboard.isError ? (
          isApiRequestError(dashboard.error, 403) ? (
            <EmptyState title="Not your team">A lead sees the dashboard of their own team only. {isAdmin ? '' : 'Your team’s dashboard is the default view.'}</EmptyState>
          ) : (
            <ErrorState title="Could not load the dashboard" error={dashboard.error} onRetry={() => void dashboard.refetch()} />
          )
        ) : (
          <DashboardBody view={dashboard.data} periodLabel={periodLabel} teamLabel={teamLabel} />
        )}
      </div>
      {dashboard.isSuccess && <HeldReviewPanel />}
      {dashboard.isSuccess && <DashboardInsights teamId={teamId} period={trendPeriod} onPeriod={(p) => update('trend', p === '30' ? undefined : p)} fileLabel={teamLabel} />}
    </div>
  );
}
