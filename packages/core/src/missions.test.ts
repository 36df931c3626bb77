import { describe, expect, it } from 'vitest';
import { step } from '../test-support/lifecycle-test-helpers';
import {
  applyContribution,
  badgeFromProposal,
  effectiveMissionStatus,
  MISSION_TEMPLATES,
  missionContribution,
  missionFromTemplate,
  missionProblems,
  missionTemplate,
  participantOf,
  periodBounds,
  describeCriteria,
  slugOf,
  takeBackContribution,
  type MissionChange,
  type MissionDefinition,
  type MissionProgressState,
} from './missions';
import { alarmEvent, at, HOUR, MINUTE, T0, truckEvent } from '../test-support/test-fixtures';
import type { Severity } from './severity';

const ctx = { timeZone: 'UTC', night: { startHour: 22, endHour: 6 } };

/** A real alarm raised at `raisedMin` and cleared at `clearedMin` (minutes after T0), through the lifecycle. */
function clearedAlarm(key: string, severity: Severity, raisedMin: number, clearedMin: number, extra: { serviceAffecting?: boolean; customersAffected?: number } = {}): MissionChange {
  const raised = alarmEvent(key, 'raised', at(raisedMin), { attributes: { perceivedSeverity: severity, title: key, ...extra } });
  const first = step(undefined, raised);
  const clear = alarmEvent(key, 'cleared', at(clearedMin), { actor: 'alice' });
  const done = step(first.item, clear);
  return { event: clear, effects: done.effects, item: done.item };
}

const criticalRun = missionFromTemplate(MISSION_TEMPLATES[0] as (typeof MISSION_TEMPLATES)[number], {
  id: 'm1',
  createdBy: 'p-lead',
  audience: { kind: 'everyone' },
  now: T0,
  timeZone: 'UTC',
  target: 3,
});

function run(mission: MissionDefinition, changes: MissionChange[]): MissionProgressState {
  return changes.reduce<MissionProgressState>((s, c) => applyContribution(s, mission.target, missionContribution(mission, c, ctx)), { progress: 0, completed: false });
}

describe('missions: what counts', () => {
  it('counts a critical resolved within its resolution target, not a major, not a raise', () => {
    const ok = clearedAlarm('A1', 'critical', 0, 10);
    expect(ok.effects).toContain('resolved');
    expect(missionContribution(criticalRun, ok, ctx)).toEqual({ kind: 'add', amount: 1 });
    // a major is out of the mission's scope: neither a hit nor a miss
    expect(missionContribution(criticalRun, clearedAlarm('A2', 'major', 0, 10), ctx)).toEqual({ kind: 'none' });
    // a critical cleared after its resolution target is a miss
    expect(missionContribution(criticalRun, clearedAlarm('A2b', 'critical', 0, 3 * 24 * 60), ctx)).toEqual({ kind: 'miss' });
    const raised = alarmEvent('A3', 'raised', at(0), { attributes: { perceivedSeverity: 'critical', title: 'x' } });
    const r = step(undefined, raised);
    expect(missionContribution(criticalRun, { event: raised, effects: r.effects, item: r.item }, ctx)).toEqual({ kind: 'none' });
  });

  it('a different stream never counts, not even as a miss', () => {
    const open = truckEvent('T1', 'open', at(0), { attributes: { title: 't', technician: 'carol' } });
    const s = step(undefined, open);
    expect(missionContribution(criticalRun, { event: open, effects: ['resolved'], item: s.item }, ctx)).toEqual({ kind: 'none' });
  });

  it('a count mission ignores a change whose conditions fail', () => {
    const count: MissionDefinition = { ...criticalRun, criteria: { ...criticalRun.criteria, counting: 'count' } };
    expect(missionContribution(count, clearedAlarm('A4', 'minor', 0, 10), ctx)).toEqual({ kind: 'none' });
  });

  it('sum counts the customers affected', () => {
    const protect = missionFromTemplate(missionTemplate('protect-customers') ?? MISSION_TEMPLATES[4]!, { id: 'm2', createdBy: 'p-lead', audience: { kind: 'team', teamId: 'noc' }, now: T0, timeZone: 'UTC', target: 1000 });
    expect(protect.scope).toBe('team');
    const a = clearedAlarm('S1', 'major', 0, 20, { serviceAffecting: true, customersAffected: 600 });
    const b = clearedAlarm('S2', 'major', 0, 30, { serviceAffecting: true, customersAffected: 500 });
    const notAffecting = clearedAlarm('S3', 'major', 0, 30, { serviceAffecting: false, customersAffected: 9000 });
    expect(missionContribution(protect, a, ctx)).toEqual({ kind: 'add', amount: 600 });
    expect(missionContribution(protect, notAffecting, ctx)).toEqual({ kind: 'none' });
    expect(run(protect, [a, notAffecting])).toEqual({ progress: 600, completed: false });
    expect(run(protect, [a, notAffecting, b])).toEqual({ progress: 1100, completed: true });
  });
});

describe('missions: consecutive counting', () => {
  it('a miss resets the run to 0; N in a row completes it', () => {
    const hit = (k: string) => clearedAlarm(k, 'critical', 0, 10);
    // critical resolution target is well under a day: a clear 3 days later misses it
    const late = clearedAlarm('LATE', 'critical', 0, 3 * 24 * 60);
    expect(late.item.sla.resolution.outcome).toBe('breached');
    expect(run(criticalRun, [hit('a'), hit('b'), late])).toEqual({ progress: 0, completed: false });
    expect(run(criticalRun, [hit('a'), late, hit('b'), hit('c')])).toEqual({ progress: 2, completed: false });
    // majors in between do not break the run
    expect(run(criticalRun, [hit('a'), clearedAlarm('maj', 'major', 0, 3 * 24 * 60), hit('b')])).toEqual({ progress: 2, completed: false });
    expect(run(criticalRun, [late, hit('a'), hit('b'), hit('c')])).toEqual({ progress: 3, completed: true });
  });

  it('without SLA conditions, out-of-scope work in a consecutive mission is a miss', () => {
    const majors: MissionDefinition = { ...criticalRun, criteria: { stream: 'alarm', effect: 'resolved', conditions: [{ kind: 'severityIn', values: ['major'] }], counting: 'consecutive' } };
    expect(missionContribution(majors, clearedAlarm('M1', 'major', 0, 10), ctx)).toEqual({ kind: 'add', amount: 1 });
    expect(missionContribution(majors, clearedAlarm('M2', 'minor', 0, 10), ctx)).toEqual({ kind: 'miss' });
  });

  it('completion is final: a later miss does not undo it, nor does a take-back', () => {
    const done = run(criticalRun, [1, 2, 3].map((n) => clearedAlarm(`c${n}`, 'critical', 0, 10)));
    expect(done.completed).toBe(true);
    expect(applyContribution(done, 3, { kind: 'miss' })).toEqual(done);
    expect(takeBackContribution(done, 1)).toEqual(done);
  });

  it('a take-back lowers progress but not below zero', () => {
    expect(takeBackContribution({ progress: 2, completed: false }, 1)).toEqual({ progress: 1, completed: false });
    expect(takeBackContribution({ progress: 1, completed: false }, 5)).toEqual({ progress: 0, completed: false });
  });
});

describe('missions: window bounds', () => {
  it('counts work at startsAt and endsAt, not a millisecond outside', () => {
    const change = clearedAlarm('W1', 'critical', 0, 10);
    const clearAt = T0 + 10 * MINUTE;
    const exact: MissionDefinition = { ...criticalRun, startsAt: clearAt, endsAt: clearAt };
    expect(missionContribution(exact, change, ctx).kind).toBe('add');
    expect(missionContribution({ ...exact, startsAt: clearAt + 1, endsAt: clearAt + HOUR }, change, ctx).kind).toBe('none');
    expect(missionContribution({ ...exact, startsAt: clearAt - HOUR, endsAt: clearAt - 1 }, change, ctx).kind).toBe('none');
  });

  it('the week of a template runs Monday 00:00 to Sunday 23:59:59.999 in the zone', () => {
    // T0 is Monday 2024-01-08 10:00 UTC; Wednesday the 10th lies in the same week
    expect(periodBounds('week', Date.parse('2024-01-10T15:00:00Z'), 'UTC')).toEqual({ startsAt: Date.parse('2024-01-08T00:00:00Z'), endsAt: Date.parse('2024-01-15T00:00:00Z') - 1 });
    expect(periodBounds('month', Date.parse('2024-12-10T15:00:00Z'), 'UTC')).toEqual({ startsAt: Date.parse('2024-12-01T00:00:00Z'), endsAt: Date.parse('2025-01-01T00:00:00Z') - 1 });
    // Berlin is UTC+1 in January: its week starts at 23:00 UTC on Sunday
    expect(periodBounds('week', Date.parse('2024-01-10T15:00:00Z'), 'Europe/Berlin').startsAt).toBe(Date.parse('2024-01-07T23:00:00Z'));
  });

  it('an active mission past its end shows as ended', () => {
    expect(effectiveMissionStatus(criticalRun, criticalRun.endsAt)).toBe('active');
    expect(effectiveMissionStatus(criticalRun, criticalRun.endsAt + 1)).toBe('ended');
    expect(effectiveMissionStatus({ ...criticalRun, status: 'proposed' }, criticalRun.endsAt + 1)).toBe('proposed');
  });
});

describe('missions: audience', () => {
  const alice = { id: 'p-alice', teamId: 'noc' };
  const carol = { id: 'p-carol', teamId: 'field' };
  const loner = { id: 'p-dave', teamId: null };
  it('a person mission: each person in the audience is their own participant', () => {
    expect(participantOf({ scope: 'person', audience: { kind: 'everyone' } }, carol)).toBe('p-carol');
    expect(participantOf({ scope: 'person', audience: { kind: 'team', teamId: 'noc' } }, carol)).toBeUndefined();
    expect(participantOf({ scope: 'person', audience: { kind: 'team', teamId: 'noc' } }, alice)).toBe('p-alice');
    expect(participantOf({ scope: 'person', audience: { kind: 'people', personIds: ['p-carol'] } }, alice)).toBeUndefined();
    expect(participantOf({ scope: 'person', audience: { kind: 'people', personIds: ['p-carol'] } }, carol)).toBe('p-carol');
  });
  it('a team mission: the team is the participant; someone without a team is none', () => {
    expect(participantOf({ scope: 'team', audience: { kind: 'everyone' } }, alice)).toBe('noc');
    expect(participantOf({ scope: 'team', audience: { kind: 'everyone' } }, loner)).toBeUndefined();
  });
});

describe('missions: templates', () => {
  it('has at least five templates, each producing a valid active mission', () => {
    expect(MISSION_TEMPLATES.length).toBeGreaterThanOrEqual(5);
    expect(new Set(MISSION_TEMPLATES.map((t) => t.id)).size).toBe(MISSION_TEMPLATES.length);
    for (const t of MISSION_TEMPLATES) {
      const m = missionFromTemplate(t, { id: `m-${t.id}`, createdBy: 'p-lead', audience: { kind: 'everyone' }, now: T0, timeZone: 'UTC' });
      expect(missionProblems(m), t.id).toEqual([]);
      expect(m).toMatchObject({ version: 1, status: 'active', templateId: t.id, target: t.target, rewardPoints: t.rewardPoints });
      expect(m.startsAt).toBeLessThanOrEqual(T0);
      expect(m.endsAt).toBeGreaterThan(T0);
    }
  });
  it('overrides replace target, reward, dates and title', () => {
    const t = MISSION_TEMPLATES[1]!;
    const m = missionFromTemplate(t, { id: 'x', createdBy: 'p-lead', audience: { kind: 'people', personIds: ['p-carol'] }, now: T0, timeZone: 'UTC', target: 4, rewardPoints: 50, startsAt: T0, endsAt: T0 + HOUR, title: 'Four fixes' });
    expect(m).toMatchObject({ target: 4, rewardPoints: 50, startsAt: T0, endsAt: T0 + HOUR, title: 'Four fixes', audience: { kind: 'people', personIds: ['p-carol'] } });
  });
  it('names the problems of an invalid mission', () => {
    const bad = { ...criticalRun, title: ' ', target: 0, endsAt: criticalRun.startsAt, rewardPoints: 5000, audience: { kind: 'people' as const, personIds: [] } };
    expect(missionProblems(bad).map((p) => p.split(':')[0])).toEqual(['title', 'target', 'endsAt', 'rewardPoints', 'audience.personIds']);
    expect(missionProblems({ ...criticalRun, criteria: { ...criticalRun.criteria, stream: 'alarm', effect: 'rated' } })).toEqual(['criteria.effect: only truck-rolls are rated']);
  });
});

describe('co-created badges', () => {
  it('an approved proposal becomes a badge the engine can award, counting only people', () => {
    const badge = badgeFromProposal(
      `custom-${slugOf('Night Fixer!')}`,
      { name: 'Night Fixer!', description: 'Clear 3 alarms at night', icon: 'moon', criteria: { stream: 'alarm', effect: 'resolved', conditions: [{ kind: 'nightShift' }], counting: 'count' }, threshold: 3, bonusPoints: 40 },
      'p-alice',
    );
    expect(badge).toEqual({
      id: 'custom-night-fixer',
      version: 1,
      name: 'Night Fixer!',
      description: 'Clear 3 alarms at night',
      icon: 'moon',
      counting: 'count',
      threshold: 3,
      triggers: [{ stream: 'alarm', effect: 'resolved' }],
      conditions: [{ kind: 'byPerson' }, { kind: 'nightShift' }],
      bonusPoints: 40,
      proposedBy: 'p-alice',
    });
    expect(slugOf('  ')).toBe('badge');
  });
});

describe('criteria in words', () => {
  it('says what counts, with conditions and counting', () => {
    expect(describeCriteria(MISSION_TEMPLATES[0]!.criteria)).toBe('Resolved alarms: critical, within the resolution target (in a row; a miss starts again)');
    expect(describeCriteria({ effect: 'responded', conditions: [{ kind: 'byPerson' }, { kind: 'flag', flag: 'vip', equals: false }, { kind: 'nightShift' }], counting: 'count' })).toBe(
      'Acknowledged work items: not VIP, on the night shift',
    );
    expect(describeCriteria({ stream: 'alarm', effect: 'resolved', conditions: [{ kind: 'flag', flag: 'serviceAffecting', equals: true }], counting: 'sum' })).toBe(
      'Resolved alarms: service-affecting (customers affected)',
    );
  });
});
