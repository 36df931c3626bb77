import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createApiKeyBodySchema, createWebhookBodySchema } from './admin.schema';
import { loginBodySchema, workActionBodySchema } from './api.schema';
import {
  ADJUSTMENT_POINTS_MAX,
  ADJUSTMENT_REASON_MAX,
  ADJUSTMENT_REASON_MIN,
  API_KEY_NAME_MAX,
  BADGE_DESCRIPTION_MAX,
  BADGE_NAME_MAX,
  BADGE_NAME_MIN,
  BADGE_THRESHOLD_MAX,
  MISSION_DESCRIPTION_MAX,
  MISSION_TARGET_MAX,
  MISSION_TITLE_MAX,
  PASSWORD_MAX,
  USERNAME_MAX,
  WEBHOOK_NAME_MAX,
  WEBHOOK_SECRET_MAX,
  WEBHOOK_SECRET_MIN,
  WEBHOOK_URL_MAX,
  WORK_NOTES_MAX,
} from './form-limits';
import { giveKudosBodySchema, KUDOS_MESSAGE_MAX } from './kudos.schema';
import { createMissionBodySchema, proposeBadgeBodySchema } from './missions.schema';
import { adjustmentBodySchema } from './rules.schema';

/** The paths a schema refuses `input` on (empty when it is accepted). */
function refusedPaths(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

const text = (n: number): string => 'x'.repeat(n);
const criteria = { effect: 'resolved', counting: 'count' } as const;
const badge = { name: 'Night owl', description: 'Works nights', icon: 'moon', criteria, threshold: 5, bonusPoints: 10 };

describe('the shared form limits are the API schemas’ limits', () => {
  it('sign-in username and password', () => {
    expect(refusedPaths(loginBodySchema, { username: text(USERNAME_MAX), password: text(PASSWORD_MAX) })).toEqual([]);
    expect(refusedPaths(loginBodySchema, { username: text(USERNAME_MAX + 1), password: text(PASSWORD_MAX + 1) }).sort()).toEqual(['password', 'username']);
  });

  it('integration key name', () => {
    expect(refusedPaths(createApiKeyBodySchema, { name: text(API_KEY_NAME_MAX), scopes: ['events:write'] })).toEqual([]);
    expect(refusedPaths(createApiKeyBodySchema, { name: text(API_KEY_NAME_MAX + 1), scopes: ['events:write'] })).toEqual(['name']);
  });

  it('webhook name, URL and secret', () => {
    const url = `https://example.org/${text(WEBHOOK_URL_MAX - 'https://example.org/'.length)}`;
    const ok = { name: text(WEBHOOK_NAME_MAX), url, events: ['points.awarded'], secret: text(WEBHOOK_SECRET_MAX) };
    expect(refusedPaths(createWebhookBodySchema, ok)).toEqual([]);
    expect(refusedPaths(createWebhookBodySchema, { ...ok, secret: text(WEBHOOK_SECRET_MIN) })).toEqual([]);
    expect(refusedPaths(createWebhookBodySchema, { ...ok, name: text(WEBHOOK_NAME_MAX + 1), url: `${url}x`, secret: text(WEBHOOK_SECRET_MIN - 1) }).sort()).toEqual(['name', 'secret', 'url']);
    expect(refusedPaths(createWebhookBodySchema, { ...ok, secret: text(WEBHOOK_SECRET_MAX + 1) })).toEqual(['secret']);
  });

  it('mission title, description and target', () => {
    const ok = { title: text(MISSION_TITLE_MAX), description: text(MISSION_DESCRIPTION_MAX), criteria, target: MISSION_TARGET_MAX };
    expect(refusedPaths(createMissionBodySchema, ok)).toEqual([]);
    expect(refusedPaths(createMissionBodySchema, { ...ok, title: text(MISSION_TITLE_MAX + 1), description: text(MISSION_DESCRIPTION_MAX + 1), target: MISSION_TARGET_MAX + 1 }).sort()).toEqual(['description', 'target', 'title']);
  });

  it('badge proposal name, description and threshold', () => {
    expect(refusedPaths(proposeBadgeBodySchema, { ...badge, name: text(BADGE_NAME_MAX), description: text(BADGE_DESCRIPTION_MAX), threshold: BADGE_THRESHOLD_MAX })).toEqual([]);
    expect(refusedPaths(proposeBadgeBodySchema, { ...badge, name: text(BADGE_NAME_MIN) })).toEqual([]);
    expect(refusedPaths(proposeBadgeBodySchema, { ...badge, name: text(BADGE_NAME_MIN - 1) })).toEqual(['name']);
    expect(refusedPaths(proposeBadgeBodySchema, { ...badge, name: text(BADGE_NAME_MAX + 1), description: text(BADGE_DESCRIPTION_MAX + 1), threshold: BADGE_THRESHOLD_MAX + 1 }).sort()).toEqual(['description', 'name', 'threshold']);
  });

  it('work notes, kudos message and points adjustment', () => {
    expect(refusedPaths(workActionBodySchema, { action: 'comment', notes: text(WORK_NOTES_MAX) })).toEqual([]);
    expect(refusedPaths(workActionBodySchema, { action: 'comment', notes: text(WORK_NOTES_MAX + 1) })).toEqual(['notes']);
    expect(refusedPaths(giveKudosBodySchema, { toPersonId: 'p1', message: text(KUDOS_MESSAGE_MAX) })).toEqual([]);
    expect(refusedPaths(giveKudosBodySchema, { toPersonId: 'p1', message: text(KUDOS_MESSAGE_MAX + 1) })).toEqual(['message']);
    expect(refusedPaths(adjustmentBodySchema, { points: -ADJUSTMENT_POINTS_MAX, reason: text(ADJUSTMENT_REASON_MIN) })).toEqual([]);
    expect(refusedPaths(adjustmentBodySchema, { points: ADJUSTMENT_POINTS_MAX, reason: text(ADJUSTMENT_REASON_MAX) })).toEqual([]);
    expect(refusedPaths(adjustmentBodySchema, { points: ADJUSTMENT_POINTS_MAX + 1, reason: text(ADJUSTMENT_REASON_MAX + 1) }).sort()).toEqual(['points', 'reason']);
    expect(refusedPaths(adjustmentBodySchema, { points: 5, reason: text(ADJUSTMENT_REASON_MIN - 1) })).toEqual(['reason']);
  });
});
