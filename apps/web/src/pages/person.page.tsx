import { Link, useParams } from 'react-router';
import type { PersonView } from '@opsquest/contracts';
import { ArrowLeft } from 'lucide-react';
import { isApiRequestError } from '../api/http';
import { usePerson } from '../api/people.queries';
import { AdjustPointsForm } from '../components/adjust-points-form';
import { KudosButton } from '../components/kudos-button';
import { LevelProgress } from '../components/level-progress';
import { PersonBadges } from '../components/person-badges';
import { PersonHistory } from '../components/person-history';
import { PersonPointsChart } from '../components/person-points-chart';
import { ErrorState, LoadingState } from '../components/query-states';
import { SkillTracksPanel } from '../components/skill-tracks-panel';
import { StreakIndicator } from '../components/streak-indicator';
import { formatNumber, humanize } from '../lib/format';
import { useSignedInUser } from '../stores/session.store';
import { Icon } from '../components/icon';
import '../styles/dashboard.css';
import '../styles/rules.css';
import '../styles/kudos.css';

function SlaRecord({ record }: { record: PersonView['slaRecord'] }) {
  const pct = record.attainmentPct === null ? '—' : `${formatNumber(Math.round(record.attainmentPct * 10) / 10)}%`;
  return (
    <div className="stat sla-record" data-testid="person-sla" data-met={record.met} data-breached={record.breached}>
      <span className="stat__label">SLA record</span>
      <span className="stat__value">{pct}</span>
      <span className="sla-record__line">
        <span>
          <span className="sla-record__met">{formatNumber(record.met)}</span> met
        </span>
        <span>
          <span className="sla-record__breached">{formatNumber(record.breached)}</span> breached
        </span>
      </span>
    </div>
  );
}

function Person({ person }: { person: PersonView }) {
  const firstName = person.displayName.split(' ')[0] ?? person.displayName;
  const user = useSignedInUser();
  // An admin adjusts anyone, a lead their own team; nobody themselves (the server checks it too).
  const mayAdjust = user.id !== person.id && (user.role === 'admin' || (user.role === 'lead' && user.team !== null && user.team.id === person.team?.id));
  return (
    <div className="person" data-testid="person" data-person-id={person.id}>
      <header className="page__header">
        <div>
          <h1 className="page__title">{person.displayName}</h1>
          <p className="person__meta">
            {humanize(person.role)}
            {person.team ? ` · ${person.team.name}` : ''}
          </p>
        </div>
        {user.id !== person.id && <KudosButton toPersonId={person.id} toName={person.displayName} />}
      </header>
      <div className="person__stats">
        <LevelProgress level={person.level} />
        <div className="stat" data-testid="person-points" data-points={person.points}>
          <span className="stat__label">Points</span>
          <span className="stat__value">{formatNumber(person.points)}</span>
        </div>
        <StreakIndicator streak={person.streak} />
        <SlaRecord record={person.slaRecord} />
      </div>
      <div className="person__grid">
        <div className="person__column">
          <PersonPointsChart days={person.pointsByDay} />
          <SkillTracksPanel personId={person.id} firstName={firstName} role={person.role} />
          <PersonHistory entries={person.history} firstName={firstName} />
          {mayAdjust && <AdjustPointsForm personId={person.id} firstName={firstName} />}
        </div>
        <PersonBadges badges={person.badges} />
      </div>
    </div>
  );
}

/** A team member's record, for themselves, their lead and admins; others get a clear "not your team". */
export function PersonPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  const back = (
    <Link to="/leaderboard" className="person__back">
      <Icon of={ArrowLeft} className="icon--lead" />
      Back to the leaderboard
    </Link>
  );

  return (
    <div className="page page--person">
      <title>{person.data ? `${person.data.displayName} · OpsQuest` : 'Person · OpsQuest'}</title>
      {back}
      {person.isPending ? (
        <LoadingState label="Loading this person…" />
      ) : person.isError ? (
        isApiRequestError(person.error, 403) ? (
          <section className="not-allowed" role="alert" data-testid="person-forbidden">
            <h1 className="page__title">Not your team</h1>
            <p>You can see your own record, and a lead can see the people in their own team. This person is in another team.</p>
          </section>
        ) : isApiRequestError(person.error, 404) ? (
          <section className="not-allowed" role="alert" data-testid="person-not-found">
            <h1 className="page__title">Person not found</h1>
            <p>Nobody has the id “{id}”. They may have left, or the link is wrong.</p>
          </section>
        ) : (
          <>
            <h1 className="page__title">Person</h1>
            <ErrorState title="Could not load this person" error={person.error} onRetry={() => void person.refetch()} />
          </>
        )
      ) : (
        <Person person={person.data} />
      )}
    </div>
  );
}
