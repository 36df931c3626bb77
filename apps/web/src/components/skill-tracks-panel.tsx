import type { Role } from '@opsquest/contracts';
import { useMastery } from '../api/profile.queries';
import { Panel } from './panel';
import { PersonalBests } from './personal-bests';
import { ErrorState, LoadingState } from './query-states';
import { SkillTracks } from './skill-tracks';
import '../styles/profile.css';

/** A team member's skill tracks and personal bests, for their lead (the person view). */
export function SkillTracksPanel({ personId, firstName, role }: { personId: string; firstName: string; role: Role }) {
  const mastery = useMastery(personId, false);
  return (
    <Panel title={`${firstName}'s skill tracks and bests`} testId="person-mastery">
      {mastery.isPending ? (
        <LoadingState label="Loading skill tracks…" />
      ) : mastery.isError ? (
        <ErrorState title="Could not load the skill tracks" error={mastery.error} onRetry={() => void mastery.refetch()} />
      ) : (
        <div className="person-mastery">
          <SkillTracks tracks={mastery.data.tracks} role={role} />
          <PersonalBests bests={mastery.data.bests} />
        </div>
      )}
    </Panel>
  );
}
