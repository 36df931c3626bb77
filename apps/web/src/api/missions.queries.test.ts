import { QueryClient } from '@tanstack/react-query';
import type { MissionView } from '@opsquest/contracts';
import { describe, expect, it } from 'vitest';
import { applyMissionProgress, missionKeys } from './missions.queries';

const base: MissionView = {
  id: 'm-1',
  version: 1,
  title: 'Ten acks',
  description: '',
  scope: 'person',
  audience: { kind: 'everyone' },
  audienceText: 'Everyone',
  criteria: { effect: 'responded', conditions: [], counting: 'count' },
  criteriaText: 'Acknowledged work items',
  target: 10,
  startsAt: '2026-11-23T00:00:00.000Z',
  endsAt: '2026-11-29T23:59:59.999Z',
  rewardPoints: 10,
  createdBy: { id: 'p-admin', name: 'Ada Admin' },
  status: 'active',
  mine: { participantId: 'p-eng', progress: 1, completed: false },
};

describe('applyMissionProgress', () => {
  it('moves my bar in the cached list and says whether the mission was there', () => {
    const client = new QueryClient();
    client.setQueryData(missionKeys.list(), { missions: [base, { ...base, id: 'm-2' }] });
    expect(applyMissionProgress(client, { missionId: 'm-1', scope: 'person', participantId: 'p-eng', progress: 4, target: 10, completed: false })).toBe(true);
    const data = client.getQueryData<{ missions: MissionView[] }>(missionKeys.list());
    expect(data?.missions.map((m) => m.mine?.progress)).toEqual([4, 1]);
    // someone else's progress (another participant) leaves mine alone
    expect(applyMissionProgress(client, { missionId: 'm-1', scope: 'person', participantId: 'p-eng2', progress: 9, target: 10, completed: false })).toBe(false);
    expect(applyMissionProgress(client, { missionId: 'm-9', scope: 'person', participantId: 'p-eng', progress: 9, target: 10, completed: false })).toBe(false);
    expect(client.getQueryData<{ missions: MissionView[] }>(missionKeys.list())?.missions[0]?.mine?.progress).toBe(4);
  });

  it('does nothing without a cached list', () => {
    const client = new QueryClient();
    expect(applyMissionProgress(client, { missionId: 'm-1', scope: 'person', participantId: 'p-eng', progress: 4, target: 10, completed: false })).toBe(false);
    expect(client.getQueryData(missionKeys.list())).toBeUndefined();
  });
});
