import { z } from 'zod';
import { isoDateTime } from '@opsquest/contracts';

/**
 * TMF642 Alarm Management v4 request bodies, as OpsQuest accepts them. Field names follow the
 * standard; values are checked more tightly than the standard does (it leaves states and
 * severities as plain strings). Unknown top-level attributes of an alarm are tolerated (TMF
 * extension by @type) and kept in the stored raw payload, but never silently widen a match:
 * alarm patterns are strict.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

export const TMF_ALARM_STATES = ['raised', 'updated', 'cleared'] as const;
export const TMF_ACK_STATES = ['acknowledged', 'unacknowledged'] as const;
/** perceivedSeverity values: OpsQuest's five plus `cleared`, which TMF uses for a cleared alarm. */
export const TMF_SEVERITIES = ['critical', 'major', 'minor', 'warning', 'indeterminate', 'cleared'] as const;
export const TMF_LISTENER_EVENT_TYPES = ['AlarmCreateEvent', 'AlarmStateChangeEvent', 'AlarmAttributeValueChangeEvent'] as const;
export type TmfListenerEventType = (typeof TMF_LISTENER_EVENT_TYPES)[number];

export type TmfAlarmState = (typeof TMF_ALARM_STATES)[number];
export type TmfAckState = (typeof TMF_ACK_STATES)[number];
export type TmfSeverity = (typeof TMF_SEVERITIES)[number];

const severity = z.string().trim().toLowerCase().pipe(z.enum(TMF_SEVERITIES));
const alarmState = z.enum(TMF_ALARM_STATES);
const ackState = z.enum(TMF_ACK_STATES);
/** ackUserId / clearUserId: an OpsQuest username (that person earns the points). */
const userId = text(64);
const systemId = text(200);
const href = z.string().max(1000);

const entityRef = z.looseObject({ id: text(200), href: href.optional(), name: z.string().max(300).optional() });
export const alarmedObjectSchema = z.looseObject({ id: text(300), href: href.optional(), '@type': z.string().max(100).optional() });

/** Every attribute of an alarm a client may send, all optional; required-ness is per body below. */
const alarmFields = {
  alarmType: text(100),
  perceivedSeverity: severity,
  probableCause: text(200),
  specificProblem: text(500),
  alarmDetails: z.string().max(4000),
  alarmedObject: alarmedObjectSchema,
  alarmedObjectType: text(100),
  externalAlarmId: text(200),
  sourceSystemId: systemId,
  reportingSystemId: systemId,
  alarmRaisedTime: isoDateTime,
  alarmChangedTime: isoDateTime,
  alarmClearedTime: isoDateTime,
  alarmReportingTime: isoDateTime,
  state: alarmState,
  ackState,
  ackUserId: userId,
  ackSystemId: systemId,
  clearUserId: userId,
  clearSystemId: systemId,
  serviceAffecting: z.boolean(),
  isRootCause: z.boolean(),
  alarmEscalation: z.boolean(),
  plannedOutageIndicator: text(50),
  proposedRepairedActions: z.string().max(2000),
  affectedService: z.array(entityRef).max(100),
  correlatedAlarm: z.array(entityRef).max(100),
  parentAlarm: z.array(entityRef).max(100),
  comment: z
    .array(z.looseObject({ comment: z.string().max(2000).optional(), userId: z.string().max(64).optional(), systemId: z.string().max(200).optional(), time: isoDateTime.optional() }))
    .max(100),
  place: z.array(z.looseObject({ role: text(100), id: z.string().max(200).optional(), name: z.string().max(300).optional(), href: href.optional() })).max(20),
  crossedThresholdInformation: z.looseObject({}),
  '@type': z.string().max(100),
  '@baseType': z.string().max(100),
  '@schemaLocation': z.string().max(1000),
};

const optionalAlarmFields = z.object(alarmFields).partial();

/** Attributes kept from stored raw payloads (create, patch, listener alarm) to show an alarm in full. */
export const tmfAlarmAttributesSchema = optionalAlarmFields;
export type TmfAlarmAttributes = z.infer<typeof tmfAlarmAttributesSchema>;

const notWithout = (field: string, needs: string) => `${field} needs ${needs}`;

/** POST /alarm: TMF642 Alarm_Create (required: alarmType, perceivedSeverity, probableCause, alarmedObject, sourceSystemId, state, alarmRaisedTime). */
export const alarmCreateSchema = optionalAlarmFields
  .extend({
    alarmType: alarmFields.alarmType,
    perceivedSeverity: alarmFields.perceivedSeverity,
    probableCause: alarmFields.probableCause,
    alarmedObject: alarmFields.alarmedObject,
    sourceSystemId: alarmFields.sourceSystemId,
    state: alarmFields.state,
    alarmRaisedTime: alarmFields.alarmRaisedTime,
    id: z.never({ error: 'is assigned by OpsQuest' }).optional(),
    href: z.never({ error: 'is assigned by OpsQuest' }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.clearUserId !== undefined && body.state !== 'cleared') ctx.addIssue({ code: 'custom', path: ['clearUserId'], message: notWithout('clearUserId', 'state "cleared"') });
    if (body.ackUserId !== undefined && body.ackState !== 'acknowledged') ctx.addIssue({ code: 'custom', path: ['ackUserId'], message: notWithout('ackUserId', 'ackState "acknowledged"') });
  });
export type AlarmCreate = z.infer<typeof alarmCreateSchema>;

const fixed = (why: string) => z.never({ error: `cannot be changed: ${why}` }).optional();

/**
 * PATCH /alarm/{id}: TMF642 Alarm_Update as a JSON merge patch. Identity and raise time cannot be
 * changed; the user and system ids of an acknowledge or clear only make sense with that change.
 */
export const alarmUpdateSchema = optionalAlarmFields
  .extend({
    id: fixed('it identifies the alarm'),
    href: fixed('it identifies the alarm'),
    externalAlarmId: fixed('it identifies the alarm'),
    sourceSystemId: fixed('it identifies the alarm'),
    alarmRaisedTime: fixed('it is when the alarm was raised'),
  })
  .superRefine((body, ctx) => {
    const clearing = body.state === 'cleared' || body.perceivedSeverity === 'cleared';
    for (const field of ['clearUserId', 'clearSystemId', 'alarmClearedTime'] as const) {
      if (body[field] !== undefined && !clearing) ctx.addIssue({ code: 'custom', path: [field], message: notWithout(field, 'state "cleared"') });
    }
    for (const field of ['ackUserId', 'ackSystemId'] as const) {
      if (body[field] !== undefined && body.ackState === undefined) ctx.addIssue({ code: 'custom', path: [field], message: notWithout(field, 'ackState') });
    }
  });
export type AlarmUpdate = z.infer<typeof alarmUpdateSchema>;

/**
 * One entry of a task's alarmPattern: the criteria an alarm must all meet. Strict, and never empty,
 * so a typo or an unsupported criterion cannot turn into "every alarm".
 */
export const alarmPatternSchema = z
  .object({
    id: z.union([text(200), z.number().int().min(1)]).optional(),
    externalAlarmId: text(200).optional(),
    alarmedObject: z.object({ id: text(300), href: href.optional(), '@type': z.string().max(100).optional() }).strict().optional(),
    perceivedSeverity: severity.optional(),
    probableCause: text(200).optional(),
    state: alarmState.optional(),
    ackState: ackState.optional(),
    serviceAffecting: z.boolean().optional(),
    href: href.optional(),
    '@type': z.string().max(100).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== 'href' && k !== '@type'), {
    message: 'give at least one criterion: id, externalAlarmId, alarmedObject.id, perceivedSeverity, probableCause, state, ackState or serviceAffecting',
  });
export type AlarmPattern = z.infer<typeof alarmPatternSchema>;

const alarmPattern = z.array(alarmPatternSchema).min(1).max(100);
const taskMeta = { state: z.string().max(50).optional(), '@type': z.string().max(100).optional(), '@baseType': z.string().max(100).optional(), '@schemaLocation': z.string().max(1000).optional() };

/** POST /ackAlarms (TMF642 AckAlarms_Create). Without ackUserId the acknowledge is automation. */
export const ackAlarmsCreateSchema = z.object({
  ackUserId: userId.optional(),
  ackSystemId: systemId.optional(),
  ackTime: isoDateTime.optional(),
  alarmPattern,
  ...taskMeta,
});
export type AckAlarmsCreate = z.infer<typeof ackAlarmsCreateSchema>;

/** POST /clearAlarms (TMF642 ClearAlarms_Create). Without clearUserId the clear is automation (no points). */
export const clearAlarmsCreateSchema = z.object({
  clearUserId: userId.optional(),
  clearSystemId: systemId.optional(),
  alarmClearedTime: isoDateTime.optional(),
  alarmPattern,
  ...taskMeta,
});
export type ClearAlarmsCreate = z.infer<typeof clearAlarmsCreateSchema>;

/** The alarm inside a notification: the notifying server's `id` (or externalAlarmId) names it. */
const listenerAlarmSchema = optionalAlarmFields
  .extend({ id: z.union([text(200), z.number().int()]).optional(), href: href.optional() })
  .refine((a) => a.id !== undefined || a.externalAlarmId !== undefined, { path: ['id'], message: 'the alarm needs an id (or externalAlarmId)' });
export type ListenerAlarm = z.infer<typeof listenerAlarmSchema>;

/** The TMF notification envelope posted to /listener/alarm*Event. */
export function listenerEnvelopeSchema(eventType: TmfListenerEventType) {
  return z.object({
    eventId: text(200).optional(),
    eventTime: isoDateTime.optional(),
    eventType: z.literal(eventType, { error: `must be "${eventType}" on this listener` }).optional(),
    correlationId: z.string().max(200).optional(),
    domain: z.string().max(200).optional(),
    title: z.string().max(300).optional(),
    description: z.string().max(2000).optional(),
    priority: z.string().max(50).optional(),
    timeOcurred: isoDateTime.optional(),
    fieldPath: z.string().max(1000).optional(),
    event: z.object({ alarm: listenerAlarmSchema }),
  });
}
export type ListenerEnvelope = z.infer<ReturnType<typeof listenerEnvelopeSchema>>;

/** Attribute names a client may ask for with `fields` (id and href always come back). */
export const TMF_ALARM_FIELDS = [
  'id', 'href', '@type', 'externalAlarmId', 'sourceSystemId', 'reportingSystemId', 'state', 'ackState', 'perceivedSeverity',
  'alarmType', 'probableCause', 'specificProblem', 'alarmDetails', 'alarmedObject', 'alarmedObjectType', 'serviceAffecting',
  'isRootCause', 'alarmEscalation', 'plannedOutageIndicator', 'proposedRepairedActions', 'alarmRaisedTime', 'alarmChangedTime',
  'alarmClearedTime', 'alarmReportingTime', 'ackUserId', 'ackSystemId', 'clearUserId', 'clearSystemId', 'affectedService',
  'correlatedAlarm', 'parentAlarm', 'place', 'comment', 'crossedThresholdInformation',
] as const;
export type TmfAlarmField = (typeof TMF_ALARM_FIELDS)[number];

/** A comma-separated query value as a list of allowed values (`state=raised,updated`). */
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter((v) => v !== ''))
    .pipe(z.array(z.enum(values)).min(1));

/** GET /alarm query. Unknown parameters are a 400: an ignored filter would return the wrong alarms. */
export const alarmListQuerySchema = z
  .object({
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    state: csv(TMF_ALARM_STATES).optional(),
    perceivedSeverity: csv(['critical', 'major', 'minor', 'warning', 'indeterminate'] as const).optional(),
    ackState: csv(TMF_ACK_STATES).optional(),
    fields: csv(TMF_ALARM_FIELDS).optional(),
  })
  .strict();
export type AlarmListQuery = z.infer<typeof alarmListQuerySchema>;

export const alarmGetQuerySchema = z.object({ fields: csv(TMF_ALARM_FIELDS).optional() }).strict();
