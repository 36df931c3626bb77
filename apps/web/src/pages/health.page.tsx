import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { RECURRING_WINDOWS, type NetworkHealthView } from '@opsquest/contracts';
import { useNetworkHealth } from '../api/network.queries';
import { NetworkMttrChart } from '../components/network-mttr-chart';
import { NetworkRegionTable, regionName } from '../components/network-region-table';
import { NetworkSiteTable } from '../components/network-site-table';
import { NetworkSubnav } from '../components/network-subnav';
import { Panel } from '../components/panel';
import { EmptyState, ErrorState, LoadingState } from '../components/query-states';
import { RecurringFaultsTable } from '../components/recurring-faults-table';
import { TabList, type TabOption } from '../components/tab-list';
import { useDashboardLive } from '../live/use-dashboard-live';
import { formatNumber } from '../lib/format';
import { useSignedInUser } from '../stores/session.store';
import '../styles/dashboard.css';
import '../styles/network.css';

const WEEKS = ['4', '8', '12', '26'] as const;
const DEFAULT_WEEKS = '8';
type Grouping = 'site' | 'cause';
const GROUPINGS: readonly TabOption<Grouping>[] = [
  { value: 'site', label: 'By site' },
  { value: 'cause', label: 'By site and cause' },
];

function RecurringFaults({ view, scope }: { view: NetworkHealthView; scope: string }) {
  const [grouping, setGrouping] = useState<Grouping>('site');
  const panelId = useId();
  const faults = grouping === 'site' ? view.recurring.bySite : view.recurring.bySiteAndCause;
  return (
    <Panel title="Recurring faults" testId="recurring-faults" className="network__wide" meta={`${scope}, ${RECURRING_WINDOWS.minAlarms} or more alarms in ${RECURRING_WINDOWS.days} days`}>
      <TabList label="Group recurring faults" options={GROUPINGS} value={grouping} onChange={setGrouping} controls={panelId} testId="recurring-grouping" />
      <div id={panelId} role="tabpanel" aria-label={GROUPINGS.find((g) => g.value === grouping)?.label} className="network__tabpanel">
        {faults.length === 0 ? (
          <EmptyState title="Nothing keeps coming back">No site had {RECURRING_WINDOWS.minAlarms} or more alarms in the last {RECURRING_WINDOWS.days} days.</EmptyState>
        ) : (
          <RecurringFaultsTable faults={faults} byCause={grouping === 'cause'} caption={`Recurring faults ${grouping === 'site' ? 'by site' : 'by site and probable cause'}, ${scope}, most alarms in the last ${RECURRING_WINDOWS.recentDays} days first`} />
        )}
        <p className="dashboard__note">An alarm counts once however often it flapped; alarms in a maintenance window are planned work and never count.</p>
      </div>
    </Panel>
  );
}

function HealthBody({ view }: { view: NetworkHealthView }) {
  const scope = view.region === null ? 'all regions' : regionName(view.region);
  return (
    <div className="network">
      <Panel title="Regions" testId="network-regions" meta="open alarms now">
        <NetworkRegionTable regions={view.regions} selected={view.region} />
      </Panel>
      <Panel title={`Sites with open alarms, ${scope}`} testId="network-sites" meta={view.sitesTotal > view.sites.length ? `worst ${view.sites.length} of ${formatNumber(view.sitesTotal)}` : `${formatNumber(view.sitesTotal)} sites`}>
        {view.sites.length === 0 ? (
          <EmptyState title="No site has an open alarm">{view.unsitedOpen > 0 ? `${formatNumber(view.unsitedOpen)} open alarms name no site.` : 'All clear here.'}</EmptyState>
        ) : (
          <>
            <NetworkSiteTable sites={view.sites} caption={`Sites with open alarms, ${scope}, worst first`} />
            {view.unsitedOpen > 0 && <p className="dashboard__note">And {formatNumber(view.unsitedOpen)} open alarms that name no site.</p>}
          </>
        )}
      </Panel>
      <div className="network__wide">
        <NetworkMttrChart weeks={view.mttrByWeek} region={view.region} />
      </div>
      <RecurringFaults view={view} scope={scope} />
    </div>
  );
}

/** Network health for a lead's weekly review (/network). Region and weeks live in the URL: ?region=north&weeks=12. */
export function HealthPage() {
  const user = useSignedInUser();
  const allowed = user.role === 'engineer' || user.role === 'lead' || user.role === 'admin';
  const [searchParams, setSearchParams] = useSearchParams();
  const region = searchParams.get('region') || undefined;
  const weeks = WEEKS.find((w) => w === searchParams.get('weeks')) ?? DEFAULT_WEEKS;
  const regionId = useId();
  const weeksId = useId();
  useDashboardLive();
  const health = useNetworkHealth({ region, weeks: Number(weeks) });

  const update = (key: 'region' | 'weeks', value: string): void => {
    const next = new URLSearchParams(searchParams);
    if (value === '' || (key === 'weeks' && value === DEFAULT_WEEKS)) next.delete(key);
    else next.set(key, value);
    setSearchParams(next, { replace: true });
  };

  if (!allowed) {
    return (
      <div className="page">
        <title>Network health · OpsQuest</title>
        <h1 className="page__title">Network health</h1>
        <EmptyState title="Network health is for engineers, leads and admins">Your jobs and your progress are on your console and profile.</EmptyState>
      </div>
    );
  }

  const regions = [...new Set([...(health.data?.regions.flatMap((r) => (r.region === null ? [] : [r.region])) ?? []), ...(region ? [region] : [])])].sort();
  return (
    <div className="page page--network">
      <title>{`Network health${region ? ` · ${regionName(region)}` : ''} · OpsQuest`}</title>
      <NetworkSubnav role={user.role} />
      <header className="page__header">
        <h1 className="page__title">Network health</h1>
        <div className="dashboard__controls">
          <div className="field field--inline">
            <label className="field__label" htmlFor={regionId}>
              Region
            </label>
            <select id={regionId} className="select" value={region ?? ''} onChange={(e) => update('region', e.target.value)} data-testid="region-select">
              <option value="">All regions</option>
              {regions.map((r) => (
                <option key={r} value={r}>
                  {regionName(r)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--inline">
            <label className="field__label" htmlFor={weeksId}>
              MTTR trend
            </label>
            <select id={weeksId} className="select" value={weeks} onChange={(e) => update('weeks', e.target.value)} data-testid="weeks-select">
              {WEEKS.map((w) => (
                <option key={w} value={w}>
                  {w} weeks
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="page__subtitle" data-testid="network-scope">
          {region ? regionName(region) : 'All regions'}: open alarms now, MTTR over the last {weeks} weeks, faults that keep coming back
          {health.isPlaceholderData && <span className="my-rank__updating"> · Updating…</span>}
        </p>
      </header>
      <div aria-busy={health.isFetching}>
        {health.isPending ? (
          <LoadingState label="Loading network health…" />
        ) : health.isError ? (
          <ErrorState title="Could not load network health" error={health.error} onRetry={() => void health.refetch()} />
        ) : (
          <HealthBody view={health.data} />
        )}
      </div>
    </div>
  );
}
