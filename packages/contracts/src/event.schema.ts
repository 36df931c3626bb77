import { z } from 'zod';
import {
  ORDER_TRANSITIONS,
  SEVERITIES,
  SLA_TRANSITIONS,
  TRUCKROLL_TRANSITIONS,
  type AlarmTransition,
  type OpsEvent,
} from '@opsquest/core';
import { checklistIdSchema, jobDetailFields } from './job-details.schema';
import { WORK_NOTES_MAX } from './form-limits';

/** ISO 8601 date-time with a zone (Z or an offset), as the standards send them. */
export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' });

const shortText = (max: number) => z.string().trim().min(1).max(max);

export const eventAttributesSchema = z
  .object({
    title: shortText(300),
    perceivedSeverity: z.enum(SEVERITIES),
    alarmRaisedTime: isoDateTime,
    alarmedObject: shortText(300),
    probableCause: shortText(200),
    specificProblem: shortText(500),
    serviceAffecting: z.boolean(),
    customersAffected: z.number().int().min(0).max(1_000_000_000),
    count: z.number().int().min(0).max(1_000_000_000),
    priority: z.number().int().min(0).max(4),
    requestedCompletionDate: isoDateTime,
    vip: z.boolean(),
    channel: shortText(100),
    technician: shortText(64),
    appointmentStart: isoDateTime,
    appointmentEnd: isoDateTime,
    firstTimeFix: z.boolean(),
    notes: z.string().max(WORK_NOTES_MAX),
    customer: shortText(200),
    region: shortText(100),
    site: shortText(100),
    slaTarget: z.enum(['response', 'resolution']),
    /** truck-roll job details (job-details.schema.ts) */
    ...jobDetailFields,
    /** a checklistTicked truck-roll event: the item and whether it is now ticked */
    checklistItemId: checklistIdSchema,
    checklistDone: z.boolean(),
    /** the sender's own correlation: the ids (in the same source) of the alarms this one is a child, or the root cause, of */
    parentAlarms: z.array(shortText(200)).min(1).max(20),
    correlatedAlarms: z.array(shortText(200)).min(1).max(500),
    rootCause: z.boolean(),
  })
  .partial()
  .strict();

/** What a sender may say happened to an alarm: not `grouped`, which only OpsQuest writes (merging, splitting, re-rooting incidents). */
const SENT_ALARM_TRANSITIONS = ['raised', 'updated', 'acknowledged', 'unacknowledged', 'commented', 'cleared'] as const satisfies readonly AlarmTransition[];

const common = {
  eventId: shortText(200).optional(),
  source: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
  externalKey: shortText(200),
  occurredAt: isoDateTime,
  actor: shortText(64).optional(),
  attributes: eventAttributesSchema.optional(),
};

/** OpsQuest's own event shape (POST /api/events). Transitions depend on the stream. */
export const opsEventSchema = z.discriminatedUnion('stream', [
  z.object({ ...common, stream: z.literal('alarm'), transition: z.enum([...SENT_ALARM_TRANSITIONS, ...SLA_TRANSITIONS]) }).strict(),
  z.object({ ...common, stream: z.literal('order'), transition: z.enum([...ORDER_TRANSITIONS, ...SLA_TRANSITIONS]) }).strict(),
  z.object({ ...common, stream: z.literal('truckroll'), transition: z.enum([...TRUCKROLL_TRANSITIONS, ...SLA_TRANSITIONS]) }).strict(),
]);

export const MAX_EVENTS_PER_REQUEST = 1000;

export const ingestBodySchema = z.union([opsEventSchema, z.array(opsEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST)]);

/** What the schema accepts; assignable to core's OpsEvent (the server passes it straight to the engine). */
export type OpsEventInput = z.infer<typeof opsEventSchema> & OpsEvent;

export const ingestResultSchema = z.object({
  stored: z.number().int(),
  duplicates: z.number().int(),
  results: z.array(
    z.object({
      eventKey: z.string(),
      status: z.enum(['stored', 'duplicate']),
      applied: z.boolean(),
      reason: z.string().optional(),
      points: z.number().int(),
    }),
  ),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;
