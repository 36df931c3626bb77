import { describe, expect, it } from 'vitest';
import type { RuleSetConfigView } from '@opsquest/contracts';
import { draftFromForm, formFromConfig } from './rule-draft';

const CONFIG: RuleSetConfigView = {
  rules: [
    { id: 'alarm.clear', version: 2, name: 'Clear an alarm', description: 'd', basePoints: 20, multipliers: ['region', 'severity'], cap: null },
    { id: 'order.start', version: 1, name: 'Start', description: 'd', basePoints: 3, multipliers: [], cap: { points: 50, per: 'week' } },
  ],
  badges: [{ id: 'night-owl', version: 1, name: 'Night Owl', threshold: 10, bonusPoints: 50 }],
  multipliers: {
    severity: { critical: 3, major: 2, minor: 1.5, warning: 1, indeterminate: 0.5 },
    priority: [2.5, 2, 1.5, 1, 0.75],
    slaFastBonus: 0.5,
    customerImpact: { perDecade: 0.25, max: 1, serviceAffecting: 0.25, vip: 0.5 },
    csat: [0, 0, 0, 0.5, 1],
  },
  flapWindowMinutes: 15,
  repeatVisitDays: 7,
  ackFollowUpMinutes: 60,
  burst: { minPerHour: 30, factor: 4 },
  regionWeights: { NTH: 1.5 },
};

describe('rules editor draft', () => {
  it('an untouched form gives back the configuration in force', () => {
    expect(draftFromForm(formFromConfig(CONFIG))).toEqual({
      rules: [
        { id: 'alarm.clear', basePoints: 20, multipliers: ['severity', 'region'], cap: null },
        { id: 'order.start', basePoints: 3, multipliers: [], cap: { points: 50, per: 'week' } },
      ],
      badges: [{ id: 'night-owl', threshold: 10, bonusPoints: 50 }],
      flapWindowMinutes: 15,
      repeatVisitDays: 7,
      ackFollowUpMinutes: 60,
      burst: { minPerHour: 30, factor: 4 },
      regionWeights: { NTH: 1.5 },
    });
  });

  it('edits: numbers as typed, a blank cap removes it, blank regions are left out, blank numbers go to the server to be named', () => {
    const form = formFromConfig(CONFIG);
    form.rules[0]!.basePoints = '45';
    form.rules[1]!.capPoints = ' ';
    form.gates.flapWindowMinutes = '';
    form.regions.push({ key: 9, name: '  ', weight: '3' }, { key: 10, name: ' STH ', weight: '0.5' });
    const draft = draftFromForm(form);
    expect(draft.rules?.[0]?.basePoints).toBe(45);
    expect(draft.rules?.[1]?.cap).toBeNull();
    expect(draft.flapWindowMinutes).toBeNaN();
    expect(JSON.parse(JSON.stringify(draft)).flapWindowMinutes).toBeNull();
    expect(draft.regionWeights).toEqual({ NTH: 1.5, STH: 0.5 });
  });
});
