import { CUSTOMERS_PROTECTED_RULE, REPEAT_WINDOWS } from '@opsquest/contracts';
import { useRepeatCustomers } from '../api/network.queries';
import { NetworkSubnav } from '../components/network-subnav';
import { Panel } from '../components/panel';
import { EmptyState, ErrorState, LoadingState } from '../components/query-states';
import { RepeatPlacesTable } from '../components/repeat-places-table';
import { useDashboardLive } from '../live/use-dashboard-live';
import { formatNumber } from '../lib/format';
import { useSignedInUser } from '../stores/session.store';
import '../styles/dashboard.css';
import '../styles/network.css';

const LIMIT = 25;

/** Knowing the customer (/network/customers): who and where needed us again and again, each with the story of its items. */
export function CustomersPage() {
  const user = useSignedInUser();
  const allowed = user.role === 'lead' || user.role === 'admin';
  useDashboardLive();
  const view = useRepeatCustomers(LIMIT);

  if (!allowed) {
    return (
      <div className="page">
        <title>Customers · OpsQuest</title>
        <h1 className="page__title">Customers</h1>
        <EmptyState title="Repeat customers are for team leads and admins">Your own work is on your console and profile.</EmptyState>
      </div>
    );
  }

  const rule = `${REPEAT_WINDOWS.minItems} or more faults and visits together in the last ${REPEAT_WINDOWS.days} days; most in the last ${REPEAT_WINDOWS.recentDays} days first.`;
  return (
    <div className="page page--customers">
      <title>Customers · OpsQuest</title>
      <NetworkSubnav role={user.role} />
      <header className="page__header">
        <h1 className="page__title">Customers</h1>
        <p className="page__subtitle">Customers and sites that keep needing us: {rule} Open a row for its history.</p>
      </header>
      {view.isPending ? (
        <LoadingState label="Loading repeat customers…" />
      ) : view.isError ? (
        <ErrorState title="Could not load repeat customers" error={view.error} onRetry={() => void view.refetch()} />
      ) : (
        <div className="network" aria-busy={view.isFetching}>
          <Panel title="Customers with repeat faults or visits" testId="repeat-customers" className="network__wide" meta={`${formatNumber(view.data.customers.length)} customers`}>
            {view.data.customers.length === 0 ? (
              <EmptyState title="No repeat customers">No customer had {REPEAT_WINDOWS.minItems} or more faults and visits in the last {REPEAT_WINDOWS.days} days.</EmptyState>
            ) : (
              <RepeatPlacesTable places={view.data.customers} noun="customer" caption={`Customers with repeat faults or visits: ${rule}`} testId="repeat-customers-table" />
            )}
          </Panel>
          <Panel title="Sites with repeat faults or visits" testId="repeat-sites" className="network__wide" meta={`${formatNumber(view.data.sites.length)} sites`}>
            {view.data.sites.length === 0 ? (
              <EmptyState title="No repeat sites">No site had {REPEAT_WINDOWS.minItems} or more faults and visits in the last {REPEAT_WINDOWS.days} days.</EmptyState>
            ) : (
              <RepeatPlacesTable places={view.data.sites} noun="site" caption={`Sites with repeat faults or visits: ${rule}`} testId="repeat-sites-table" />
            )}
          </Panel>
          <section className="panel network__wide" aria-labelledby="customers-protected-rule" data-testid="customers-protected-rule">
            <h2 id="customers-protected-rule" className="panel__title">
              Customers protected
            </h2>
            <p className="network__rule">{CUSTOMERS_PROTECTED_RULE} The profile shows your last 30 days, the dashboard your team’s period, the wall each team’s.</p>
          </section>
        </div>
      )}
    </div>
  );
}
