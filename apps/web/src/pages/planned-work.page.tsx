import { useMaintenanceWindows } from '../api/maintenance.queries';
import { MaintenanceForm } from '../components/maintenance-form';
import { MaintenanceList } from '../components/maintenance-list';
import { Panel } from '../components/panel';
import { ErrorState, LoadingState } from '../components/query-states';
import { useSignedInUser } from '../stores/session.store';
import '../styles/admin.css';
import '../styles/maintenance.css';

/**
 * Planned work for leads and admins: declare a maintenance window (what, where, when), see what runs
 * now and next, end one early, and look back over the last 30 days. Alarms raised inside a window are
 * planned work: no SLA clock, no MTTA/MTTR, no points (docs/GAME-RULES.md).
 */
export function PlannedWorkPage() {
  const { role } = useSignedInUser();
  const lead = role === 'lead' || role === 'admin';
  const current = useMaintenanceWindows('current');
  const recent = useMaintenanceWindows('recent');
  const past = (recent.data ?? []).filter((w) => w.state === 'ended' || w.state === 'cancelled');
  return (
    <div className="page page--planned-work">
      <title>Planned work · OpsQuest</title>
      <header className="page__header">
        <h1 className="page__title">Planned work</h1>
        <p className="page__subtitle">Alarms raised inside a maintenance window are planned work: they start no SLA clock, count in no MTTA or MTTR, and pay no points. Alarms outside its sites, regions and elements still count.</p>
      </header>
      <div className="planned-work-page">
        <Panel title="Now and next" testId="maintenance-current" meta={current.data ? `${current.data.length}` : undefined}>
          {current.isPending && <LoadingState label="Loading planned work…" />}
          {current.isError && <ErrorState title="Could not load planned work" error={current.error} onRetry={() => void current.refetch()} />}
          {current.data && <MaintenanceList windows={current.data} canCancel={lead} empty="No planned work now or coming up." />}
        </Panel>
        {lead && (
          <Panel title="Declare planned work" testId="maintenance-declare">
            <MaintenanceForm />
          </Panel>
        )}
        <Panel title="Last 30 days" testId="maintenance-recent">
          {recent.data && <MaintenanceList windows={past} canCancel={false} empty="No planned work in the last 30 days." />}
        </Panel>
      </div>
    </div>
  );
}
