import { useState } from 'react';
import type { ActorMappingView } from '@opsquest/contracts';
import { Lock } from 'lucide-react';
import { isApiRequestError } from '../api/http';
import { useTeams } from '../api/dashboard.queries';
import { useApiKeys, useUnknownActors, useWebhooks } from '../api/admin.queries';
import { useIntegrationNotices } from '../api/integration-notices.queries';
import { AdminIntegrationNotices } from '../components/admin-integration-notices';
import { AdminUnknownActors } from '../components/admin-unknown-actors';
import { AdminKeyForm } from '../components/admin-key-form';
import { AdminKeyTable } from '../components/admin-key-table';
import { AdminWebhookForm } from '../components/admin-webhook-form';
import { AdminWebhookList } from '../components/admin-webhook-list';
import { LeagueSettingsForm } from '../components/league-settings-form';
import { Panel } from '../components/panel';
import { EmptyState, ErrorState, LoadingState } from '../components/query-states';
import { Icon } from '../components/icon';
import '../styles/admin.css';

function AdminsOnly() {
  return (
    <div className="page page--admin">
      <title>Admin · OpsQuest</title>
      <h1 className="page__title">Admin</h1>
      <div className="admin-denied" role="alert" data-testid="admins-only">
        <p className="admin-denied__title">
          <Icon of={Lock} />{' '}
          Admins only
        </p>
        <p>Integration keys and award webhooks are managed by OpsQuest admins. Ask an admin if an integration needs a key.</p>
      </div>
    </div>
  );
}

/** Integration keys (shown once, scoped, revocable) and award webhooks with their delivery logs. Admins only. */
export function AdminPage() {
  const keys = useApiKeys();
  const webhooks = useWebhooks();
  const unknownActors = useUnknownActors();
  const notices = useIntegrationNotices();
  const teams = useTeams();
  const [lastMapping, setLastMapping] = useState<ActorMappingView | null>(null);

  if (isApiRequestError(keys.error, 403) || isApiRequestError(webhooks.error, 403)) return <AdminsOnly />;
  // The forms appear once the server has said who may see them.
  if (keys.isPending) {
    return (
      <div className="page page--admin">
        <title>Admin · OpsQuest</title>
        <h1 className="page__title">Admin</h1>
        <LoadingState label="Loading integration keys…" />
      </div>
    );
  }

  const activeKeys = keys.data?.filter((k) => k.revokedAt === null).length;
  const activeHooks = webhooks.data?.filter((w) => w.revokedAt === null).length;
  const openNotices = notices.data?.filter((n) => n.resolvedAt === null).length;

  return (
    <div className="page page--admin">
      <title>Admin · OpsQuest</title>
      <header className="page__header">
        <h1 className="page__title">Admin</h1>
        <p className="page__subtitle">Keys for the systems that send OpsQuest events, and webhooks that tell other systems about awards.</p>
      </header>
      <div className="admin-page">
        <Panel title="Integration keys" testId="admin-keys" meta={activeKeys === undefined ? undefined : `${activeKeys} active`}>
          <div className="admin-section">
            <AdminKeyForm />
            <div className="admin-section__list">
              {keys.isError ? (
                <ErrorState title="Could not load the integration keys" error={keys.error} onRetry={() => void keys.refetch()} />
              ) : keys.data.length === 0 ? (
                <EmptyState title="No integration keys yet">Create one for each system that sends events, with only the scopes it needs.</EmptyState>
              ) : (
                <AdminKeyTable keys={keys.data} />
              )}
            </div>
          </div>
        </Panel>
        <Panel title="Integration notices" testId="admin-integration-notices" meta={openNotices === undefined ? undefined : `${openNotices} open`}>
          <p className="admin-hint">
            What the integrations sent that did not become alarms: Alertmanager groups that arrived truncated and whose missing alerts could not be
            fetched, and requests or alerts that were refused. New notices appear here live.
          </p>
          {notices.isPending ? (
            <LoadingState label="Loading integration notices…" />
          ) : notices.isError ? (
            <ErrorState title="Could not load the integration notices" error={notices.error} onRetry={() => void notices.refetch()} />
          ) : notices.data.length === 0 ? (
            <EmptyState title="No integration notices">Everything the integrations sent was taken in full.</EmptyState>
          ) : (
            <AdminIntegrationNotices notices={notices.data} />
          )}
        </Panel>
        <Panel title="Award webhooks" testId="admin-webhooks" meta={activeHooks === undefined ? undefined : `${activeHooks} active`}>
          <div className="admin-section">
            <AdminWebhookForm />
            <div className="admin-section__list">
              {webhooks.isPending ? (
                <LoadingState label="Loading award webhooks…" />
              ) : webhooks.isError ? (
                <ErrorState title="Could not load the award webhooks" error={webhooks.error} onRetry={() => void webhooks.refetch()} />
              ) : webhooks.data.length === 0 ? (
                <EmptyState title="No award webhooks yet">Add one to send points, badges and level-ups to another system, signed with a shared secret.</EmptyState>
              ) : (
                <AdminWebhookList webhooks={webhooks.data} />
              )}
            </div>
          </div>
        </Panel>
        <Panel title="Unknown actors" testId="admin-unknown-actors" meta={unknownActors.data === undefined ? undefined : `${unknownActors.data.length}`}>
          <p className="admin-hint">
            Names that integrations sent as the person who acted, but that are nobody in OpsQuest. Their work paid nobody and
            nobody was made the assignee. Fix the sender's user mapping, or map the name to a person here: from then on it is that
            person, and the work already done under it is paid once, as back-pay, by the same rules.
          </p>
          <p className="admin-hint" role="status" data-testid="actor-mapped">
            {lastMapping
              ? `“${lastMapping.actor}” is now ${lastMapping.personName}: ${lastMapping.events} events, ${lastMapping.awards} awards, ${lastMapping.points} points back-paid.`
              : ''}
          </p>
          {unknownActors.isPending ? (
            <LoadingState label="Loading unknown actors…" />
          ) : unknownActors.isError ? (
            <ErrorState title="Could not load the unknown actors" error={unknownActors.error} onRetry={() => void unknownActors.refetch()} />
          ) : unknownActors.data.length === 0 ? (
            <EmptyState title="No unknown actors">Every actor the integrations named is a person here.</EmptyState>
          ) : (
            <AdminUnknownActors actors={unknownActors.data} teams={teams.data ?? []} onMapped={setLastMapping} />
          )}
        </Panel>
        <Panel title="Leagues" testId="admin-leagues">
          <LeagueSettingsForm />
        </Panel>
      </div>
    </div>
  );
}
