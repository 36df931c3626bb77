import { describe, expect, it } from 'vitest';
import { MAX_MISSION_REWARD } from '@opsquest/contracts';
import { missionOf, NO_MISSION } from './maintenance-mission-fields';

describe('the planned work as a mission, from the form', () => {
  it('asks for nothing until the box is ticked', () => {
    expect(missionOf(NO_MISSION)).toEqual({});
    expect(missionOf({ ...NO_MISSION, target: 'x' })).toEqual({});
  });

  it('sends whole numbers in range, and says plainly what is wrong otherwise', () => {
    expect(missionOf({ on: true, target: '3', rewardPoints: '50' })).toEqual({ mission: { target: 3, rewardPoints: 50 } });
    expect(missionOf({ on: true, target: '0', rewardPoints: '50' }).problem).toMatch(/^Visits: a whole number from 1/);
    expect(missionOf({ on: true, target: '2.5', rewardPoints: '50' }).problem).toMatch(/^Visits/);
    expect(missionOf({ on: true, target: '2', rewardPoints: String(MAX_MISSION_REWARD + 1) }).problem).toMatch(/^Reward: .* 0 to /);
    expect(missionOf({ on: true, target: '2', rewardPoints: '' })).toEqual({ mission: { target: 2, rewardPoints: 0 } });
  });
});
