import { z } from 'zod';
import { PASSWORD_MAX, USERNAME_MAX, WORK_NOTES_MAX } from './form-limits';
import { WINDOWS } from '@opsquest/core';

export const ROLES = ['engineer', 'technician', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const loginBodySchema = z
  .object({
    username: z.string().trim().min(1).max(USERNAME_MAX),
    password: z.string().min(1).max(PASSWORD_MAX),
  })
  .strict();

export const leaderboardQuerySchema = z
  .object({
    scope: z.enum(['individual', 'team']).default('individual'),
    window: z.enum(WINDOWS).default('week'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** also return this many standings either side of me ("around me") */
    around: z.coerce.number().int().min(0).max(50).default(0),
  })
  .strict();
export type LeaderboardQuery = z.infer<typeof leaderboardQuerySchema>;

export const WORK_ACTIONS = [
  'acknowledge',
  'unacknowledge',
  'clear',
  'start',
  'complete',
  'dispatch',
  'onSite',
  'unableToComplete',
  'comment',
  /** a truck-roll checklist item ticked or unticked (checklistItemId, done) */
  'tickChecklist',
] as const;
export type WorkAction = (typeof WORK_ACTIONS)[number];

export const workActionBodySchema = z
  .object({
    action: z.enum(WORK_ACTIONS),
    firstTimeFix: z.boolean().optional(),
    notes: z.string().max(WORK_NOTES_MAX).optional(),
    /** tickChecklist: the checklist item and whether it is now ticked */
    checklistItemId: z.string().trim().min(1).max(64).optional(),
    done: z.boolean().optional(),
    /**
     * When the action was taken on the device. Only for an action queued offline on a technician's
     * phone (with `offline`); any other action happens when the server receives it.
     */
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    /** the outbox's own record of the time the device went offline (the first send that failed, or the offline event) */
    offline: z.object({ since: z.iso.datetime({ offset: true }) }).strict().optional(),
  })
  .strict();
export type WorkActionBody = z.infer<typeof workActionBodySchema>;

export const workItemsQuerySchema = z
  .object({
    stream: z.enum(['alarm', 'order', 'truckroll']).optional(),
    state: z.enum(['open', 'closed', 'all']).default('open'),
    mine: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export type WorkItemsQuery = z.infer<typeof workItemsQuerySchema>;

export const idParamSchema = z.object({ id: z.coerce.number().int().positive() }).strict();

export const historyQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const statsQuerySchema = z
  .object({
    window: z.enum(WINDOWS).default('week'),
  })
  .strict();
