import { z } from 'zod';
import type { WorkItemView } from './views';

/**
 * POST /api/work-items/:id/incident: a lead or admin regroups alarms (core incidents.ts).
 * - `root`: this alarm becomes its incident's root cause (the old root becomes one of its alarms);
 * - `split`: this alarm leaves its incident and is a piece of work of its own (its clocks start now);
 *   a root with other open alarms cannot leave: make another one the root first (409);
 * - `merge`: this alarm's incident (or the alarm alone) joins the incident of alarm `into`.
 */
export const incidentRegroupBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('root') }).strict(),
  z.object({ action: z.literal('split') }).strict(),
  z.object({ action: z.literal('merge'), into: z.number().int().positive() }).strict(),
]);
export type IncidentRegroupBody = z.infer<typeof incidentRegroupBodySchema>;

export interface IncidentRegroupResult {
  /** the alarms the change moved, as they are now */
  items: WorkItemView[];
}
