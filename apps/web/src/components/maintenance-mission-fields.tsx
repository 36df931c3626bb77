import { useId } from 'react';
import { MAX_MISSION_REWARD, MISSION_TARGET_MAX } from '@opsquest/contracts';
import { AdminFieldError, describedBy } from './admin-field-error';

export interface MissionChoice {
  on: boolean;
  target: string;
  rewardPoints: string;
}

export const NO_MISSION: MissionChoice = { on: false, target: '3', rewardPoints: '50' };

/** The mission part of a declaration, or a problem to show (undefined when it is not asked for). */
export function missionOf(choice: MissionChoice): { mission?: { target: number; rewardPoints: number }; problem?: string } {
  if (!choice.on) return {};
  const target = Number(choice.target);
  const rewardPoints = Number(choice.rewardPoints);
  if (!Number.isInteger(target) || target < 1 || target > MISSION_TARGET_MAX) return { problem: `Visits: a whole number from 1 to ${MISSION_TARGET_MAX.toLocaleString('en')}.` };
  if (!Number.isInteger(rewardPoints) || rewardPoints < 0 || rewardPoints > MAX_MISSION_REWARD) return { problem: `Reward: a whole number of points from 0 to ${MAX_MISSION_REWARD}.` };
  return { mission: { target, rewardPoints } };
}

/**
 * "Make it a mission": the planned work's field visits (truck-rolls completed at its sites, regions
 * or elements while it runs) become a team mission with a target and a reward.
 */
export function MaintenanceMissionFields({ choice, onChange, error }: { choice: MissionChoice; onChange: (next: MissionChoice) => void; error: string | undefined }) {
  const ids = { on: useId(), target: useId(), reward: useId(), hint: useId(), error: useId() };
  return (
    <fieldset className="maintenance-form__mission" aria-describedby={describedBy(ids.hint, error !== undefined && ids.error)} data-testid="maintenance-mission">
      <legend className="field__label">Mission</legend>
      <label className="checkbox" htmlFor={ids.on}>
        <input id={ids.on} type="checkbox" checked={choice.on} onChange={(e) => onChange({ ...choice, on: e.target.checked })} />
        Make the field work a team mission
      </label>
      <p className="admin-hint" id={ids.hint}>
        Truck-rolls completed at these places while the planned work runs count towards it (your team; everyone when an admin declares it).
      </p>
      {choice.on && (
        <div className="maintenance-form__when">
          <label className="field" htmlFor={ids.target}>
            <span className="field__label">Visits to complete</span>
            <input id={ids.target} type="number" inputMode="numeric" min={1} max={MISSION_TARGET_MAX} step={1} value={choice.target} onChange={(e) => onChange({ ...choice, target: e.target.value })} aria-invalid={error !== undefined} />
          </label>
          <label className="field" htmlFor={ids.reward}>
            <span className="field__label">Reward points</span>
            <input id={ids.reward} type="number" inputMode="numeric" min={0} max={MAX_MISSION_REWARD} step={1} value={choice.rewardPoints} onChange={(e) => onChange({ ...choice, rewardPoints: e.target.value })} aria-invalid={error !== undefined} />
          </label>
        </div>
      )}
      <AdminFieldError id={ids.error} message={error} />
    </fieldset>
  );
}
