import { z } from 'zod';
import { isoDateTime, jobDetailFields } from '@opsquest/contracts';

/** Common field work-order states (as field service tools name them). */
/** `rated`: the customer's satisfaction survey answer (csat 1..5) after a completed visit. */
export const WORK_ORDER_STATES = ['open', 'planned', 'inProgress', 'completed', 'cancelled', 'unableToComplete', 'rated'] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A work order's state change, the one shape every field-service system is asked to send
 * (POST /api/integrations/workorder). Strict: unknown fields are a 400 naming them.
 *
 * ```json
 * { "eventId": "fsm-778812", "workOrderId": "WO-5521", "state": "completed",
 *   "occurredAt": "2026-11-20T10:42:00Z", "technician": "technician1", "site": "NTH-0042",
 *   "region": "north", "customer": "ACME Ltd", "priority": 1,
 *   "appointment": { "start": "2026-11-20T09:00:00Z", "end": "2026-11-20T11:00:00Z" },
 *   "firstTimeFix": true, "notes": "Replaced SFP", "vip": false, "title": "Replace SFP on xe-0/0/1",
 *   "source": "fieldforce",
 *   "address": { "line": "12 Harbour Road", "city": "Porto", "postcode": "4000-123", "country": "PT" },
 *   "location": { "lat": 41.1496, "lon": -8.611 },
 *   "contact": { "name": "Rita Sousa", "phone": "+351 912 345 678" },
 *   "accessNotes": "Cabinet key at the cafe next door",
 *   "checklist": [{ "id": "power", "label": "Check power at the cabinet" }] }
 * ```
 *
 * The job details (address .. checklist) are what the technician's job card shows; each one sent
 * replaces the one the truck-roll had, and a resent checklist keeps the ticks of the items that stay.
 */
export const workOrderChangeSchema = z
  .object({
    /** the sender's id for this change: a resend with the same id is a duplicate */
    eventId: text(200).optional(),
    workOrderId: text(200),
    state: z.enum(WORK_ORDER_STATES),
    /** when the state changed, by the sender's clock */
    occurredAt: isoDateTime,
    /** the OpsQuest username of the assigned technician */
    technician: text(64).optional(),
    site: text(100).optional(),
    region: text(100).optional(),
    customer: text(200).optional(),
    /** 0 (highest) .. 4 */
    priority: z.number().int().min(0).max(4).optional(),
    appointment: z
      .object({ start: isoDateTime, end: isoDateTime })
      .strict()
      .refine((a) => Date.parse(a.end) >= Date.parse(a.start), { message: 'must not end before it starts', path: ['end'] })
      .optional(),
    firstTimeFix: z.boolean().optional(),
    /** customer satisfaction 1..5, with state "rated" */
    csat: z.number().int().min(1).max(5).optional(),
    notes: z.string().max(2000).optional(),
    vip: z.boolean().optional(),
    title: text(300).optional(),
    /** the sending system's name (default "workorder"); with workOrderId it names the truck-roll */
    source: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only')
      .optional(),
    /** the job details: address {line, city, postcode, country}, location {lat, lon}, contact {name, phone}, accessNotes, checklist [{id, label}] */
    ...jobDetailFields,
  })
  .strict()
  .refine((c) => c.state !== 'rated' || c.csat !== undefined, { message: 'a rated work order needs csat (1 to 5)', path: ['csat'] });

export const MAX_WORK_ORDER_CHANGES = 1000;

/** One change or an array of up to 1000. */
export const workOrderBodySchema = z.union([workOrderChangeSchema, z.array(workOrderChangeSchema).min(1).max(MAX_WORK_ORDER_CHANGES)]);

export type WorkOrderChange = z.infer<typeof workOrderChangeSchema>;
