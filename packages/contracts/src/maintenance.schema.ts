import { z } from 'zod';
import { isoDateTime } from './event.schema';
import { MAX_MISSION_REWARD } from '@opsquest/core';
import { MISSION_TARGET_MAX, MAINTENANCE_REFERENCE_MAX, MAINTENANCE_SCOPE_ENTRIES_MAX, MAINTENANCE_SCOPE_ENTRY_MAX, MAINTENANCE_TITLE_MAX, MAINTENANCE_TITLE_MIN, MAINTENANCE_WINDOW_DAYS_MAX } from './form-limits';

const scopeList = z
  .array(z.string().trim().min(1, 'must not be empty').max(MAINTENANCE_SCOPE_ENTRY_MAX))
  .max(MAINTENANCE_SCOPE_ENTRIES_MAX)
  .default([]);

/** What planned work touches: regions, sites and network elements (alarmed objects); at least one. */
export const maintenanceScopeSchema = z
  .object({ regions: scopeList, sites: scopeList, elements: scopeList })
  .strict()
  .refine((s) => s.regions.length + s.sites.length + s.elements.length > 0, { message: 'name at least one region, site or element', path: ['sites'] });

/** POST /api/maintenance-windows: a lead, an admin or an integration (scope maintenance:write) declares planned work. */
export const createMaintenanceBodySchema = z
  .object({
    title: z.string().trim().min(MAINTENANCE_TITLE_MIN).max(MAINTENANCE_TITLE_MAX),
    scope: maintenanceScopeSchema,
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    /** the sender's own change or ticket id (optional), shown beside the title */
    reference: z.string().trim().min(1).max(MAINTENANCE_REFERENCE_MAX).optional(),
    /**
     * A person may make the planned work a mission at once: the truck-rolls completed in its scope
     * during the window count towards `target` visits (the declaring lead's team; everyone for an admin).
     */
    mission: z
      .object({ target: z.number().int().min(1).max(MISSION_TARGET_MAX), rewardPoints: z.number().int().min(0).max(MAX_MISSION_REWARD) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const start = Date.parse(b.startsAt);
    const end = Date.parse(b.endsAt);
    if (!(end > start)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    else if (end - start > MAINTENANCE_WINDOW_DAYS_MAX * 86_400_000) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `must be at most ${MAINTENANCE_WINDOW_DAYS_MAX} days after startsAt` });
  });
export type CreateMaintenanceBody = z.infer<typeof createMaintenanceBodySchema>;

/** POST /api/maintenance-windows/:id/cancel */
export const cancelMaintenanceBodySchema = z.object({ reason: z.string().trim().min(3).max(280).optional() }).strict();
export type CancelMaintenanceBody = z.infer<typeof cancelMaintenanceBodySchema>;

export const maintenanceIdParamSchema = z.object({ id: z.string().regex(/^mw-[A-Za-z0-9_-]{1,64}$/, 'is not a maintenance window id') }).strict();

/** GET /api/maintenance-windows?state=current (active and upcoming, the default) | recent (also the last 30 days' ended and cancelled) */
export const maintenanceListQuerySchema = z.object({ state: z.enum(['current', 'recent']).default('current') }).strict();

/** The state rule lives once, in the core (maintenance.ts), for the server and the browser alike. */
export { maintenanceStateOf, type MaintenanceState } from '@opsquest/core';
import type { MaintenanceState } from '@opsquest/core';

export interface MaintenanceWindowView {
  id: string;
  title: string;
  reference: string | null;
  scope: { regions: string[]; sites: string[]; elements: string[] };
  startsAt: string;
  endsAt: string;
  declaredAt: string;
  /** a person's name, or "API key <name>" for an integration */
  declaredBy: string;
  cancelledAt: string | null;
  state: MaintenanceState;
  /** alarms raised inside it so far (planned work) */
  plannedAlarms: number;
  /** in the answer to a declaration that made the planned work a mission: the mission's id */
  missionId?: string;
}
