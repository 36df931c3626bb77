import { z } from 'zod';
import { WINDOWS } from '@opsquest/core';
import { WORK_ACTIONS } from './api.schema';

/** POST /api/work-items/bulk-actions: the same action on many items (e.g. bulk acknowledge). */
export const bulkActionBodySchema = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(100),
    // a checklist tick names one item of one truck-roll: never in bulk
    action: z.enum(WORK_ACTIONS).exclude(['tickChecklist']),
  })
  .strict();
export type BulkActionBody = z.infer<typeof bulkActionBodySchema>;

export const personParamSchema = z.object({ id: z.string().trim().min(1).max(64) }).strict();

/** GET /api/dashboard: trends for a lead over the last N days, for one team or all. */
export const dashboardQuerySchema = z
  .object({
    days: z.coerce.number().int().min(1).max(90).default(14),
    teamId: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export const wallQuerySchema = z
  .object({
    window: z.enum(WINDOWS).default('day'),
  })
  .strict();
