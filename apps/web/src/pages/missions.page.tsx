import type { MissionView } from '@opsquest/contracts';
import { useMissions, useProposals } from '../api/missions.queries';
import { MissionCard } from '../components/mission-card';
import { MissionForm } from '../components/mission-form';
import { Panel } from '../components/panel';
import { ProposalBadgeForm } from '../components/proposal-badge-form';
import { ProposalList } from '../components/proposal-list';
import { ProposalReviewItem } from '../components/proposal-review-item';
import { EmptyState, ErrorState, LoadingState } from '../components/query-states';
import { useMissionsLive } from '../live/use-missions-live';
import { useSignedInUser } from '../stores/session.store';
import '../styles/missions.css';

function MissionGrid({ missions, empty }: { missions: MissionView[]; empty: string }) {
  if (missions.length === 0) return <EmptyState title={empty} />;
  return (
    <ul className="mission-grid">
      {missions.map((m) => (
        <li key={m.id}>
          <MissionCard mission={m} />
        </li>
      ))}
    </ul>
  );
}

function ReviewPanel() {
  const pending = useProposals('pending');
  return (
    <Panel title="Proposals to review" testId="proposals-review" meta={pending.data ? `${pending.data.length} waiting` : undefined}>
      {pending.isPending ? (
        <LoadingState label="Loading proposals…" />
      ) : pending.isError ? (
        <ErrorState title="Could not load proposals" error={pending.error} onRetry={() => void pending.refetch()} />
      ) : pending.data.length === 0 ? (
        <EmptyState title="Nothing to review">Your team's mission and badge ideas show up here.</EmptyState>
      ) : (
        <ul className="proposal-list">
          {pending.data.map((p) => (
            <ProposalReviewItem key={p.id} proposal={p} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function MyProposalsPanel() {
  const mine = useProposals('all');
  return (
    <Panel title="My proposals" testId="my-proposals">
      {mine.isPending ? (
        <LoadingState label="Loading your proposals…" />
      ) : mine.isError ? (
        <ErrorState title="Could not load your proposals" error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.length === 0 ? (
        <EmptyState title="No proposals yet">Propose a mission or a badge: your lead approves or rejects it with a reason.</EmptyState>
      ) : (
        <ProposalList proposals={mine.data} />
      )}
    </Panel>
  );
}

/** Missions: mine with live progress, my team's, completed ones; leads create and review, staff propose. */
export function MissionsPage() {
  useMissionsLive();
  const { role } = useSignedInUser();
  const manager = role === 'lead' || role === 'admin';
  const missions = useMissions();
  const all = missions.data ?? [];
  const finished = (m: MissionView) => m.mine?.completed === true || m.status === 'completed' || m.status === 'ended';
  const personal = all.filter((m) => m.scope === 'person' && m.mine && !finished(m));
  const team = all.filter((m) => m.scope === 'team' && m.mine && !finished(m));
  const completed = all.filter((m) => m.mine && finished(m));
  const others = all.filter((m) => !m.mine);

  return (
    <div className="page page--missions">
      <title>Missions · OpsQuest</title>
      <header className="page__header">
        <h1 className="page__title">Missions</h1>
        <p className="page__subtitle">Time-boxed goals with a reward. Progress moves as you work.</p>
      </header>
      {missions.isPending ? (
        <LoadingState label="Loading missions…" />
      ) : missions.isError ? (
        <ErrorState title="Could not load missions" error={missions.error} onRetry={() => void missions.refetch()} />
      ) : (
        <div className="missions">
          <Panel title="My active missions" testId="missions-mine">
            <MissionGrid missions={personal} empty="No active personal missions" />
          </Panel>
          <Panel title="Team missions" testId="missions-team">
            <MissionGrid missions={team} empty="No active team missions" />
          </Panel>
          <Panel title="Completed and ended" testId="missions-completed">
            <MissionGrid missions={completed} empty="Nothing completed yet" />
          </Panel>
          {manager && others.length > 0 && (
            <Panel title="Other missions" testId="missions-managed">
              <MissionGrid missions={others} empty="None" />
            </Panel>
          )}
        </div>
      )}
      {manager ? (
        <div className="missions missions--manage">
          <Panel title="New mission" testId="mission-new">
            <MissionForm mode="create" />
          </Panel>
          <ReviewPanel />
        </div>
      ) : (
        <div className="missions missions--manage">
          <Panel title="Propose a mission" testId="mission-propose">
            <MissionForm mode="propose" />
          </Panel>
          <Panel title="Propose a badge" testId="badge-propose">
            <ProposalBadgeForm />
          </Panel>
          <MyProposalsPanel />
        </div>
      )}
    </div>
  );
}
