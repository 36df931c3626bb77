import type { AlarmTransition, EventAttributes, OpsEvent, WorkItem } from '@opsquest/core';
import type { AlarmHistoryEntry } from '../../services/ports/tmf-alarms-store';
import {
  tmfAlarmAttributesSchema,
  type AlarmCreate,
  type AlarmPattern,
  type AlarmUpdate,
  type ListenerEnvelope,
  type TmfAckState,
  type TmfAlarmAttributes,
  type TmfAlarmField,
  type TmfAlarmState,
  type TmfListenerEventType,
} from './tmf642.schema';

/**
 * Pure mapping between TMF642 alarms and OpsQuest: request bodies and notifications to OpsEvents,
 * and a work item plus its event history to the TMF Alarm resource. No I/O here.
 */

export const TMF642_VIA = 'tmf642';
export const TMF642_BASE_PATH = '/tmf-api/alarm/v4';
const DEFAULT_SOURCE = 'tmf642';

/** The TMF Alarm resource as OpsQuest returns it. */
export interface TmfAlarm {
  id: string;
  href: string;
  '@type': 'Alarm';
  externalAlarmId: string;
  sourceSystemId: string;
  state: TmfAlarmState;
  ackState: TmfAckState;
  perceivedSeverity: string;
  serviceAffecting: boolean;
  alarmRaisedTime: string;
  alarmChangedTime: string;
  alarmClearedTime?: string;
  ackUserId?: string;
  ackSystemId?: string;
  clearUserId?: string;
  clearSystemId?: string;
  alarmType?: string;
  probableCause?: string;
  specificProblem?: string;
  alarmDetails?: string;
  alarmedObject?: TmfAlarmAttributes['alarmedObject'];
  alarmedObjectType?: string;
  reportingSystemId?: string;
  alarmReportingTime?: string;
  isRootCause?: boolean;
  alarmEscalation?: boolean;
  plannedOutageIndicator?: string;
  proposedRepairedActions?: string;
  affectedService?: TmfAlarmAttributes['affectedService'];
  correlatedAlarm?: TmfAlarmAttributes['correlatedAlarm'];
  parentAlarm?: TmfAlarmAttributes['parentAlarm'];
  place?: TmfAlarmAttributes['place'];
  comment?: TmfAlarmAttributes['comment'];
  crossedThresholdInformation?: TmfAlarmAttributes['crossedThresholdInformation'];
}

export interface TmfAlarmRef {
  id: string;
  href: string;
  '@referredType': 'Alarm';
}

/** What the event log adds to a work item: TMF-only attributes and who (which system) acted. */
export interface AlarmHistory {
  attributes: TmfAlarmAttributes;
  ackSystemId?: string;
  clearSystemId?: string;
  changedAt?: number;
}

/** Attributes that only describe an alarm (no lifecycle meaning); the latest value sent wins. */
const DESCRIPTIVE = [
  'alarmType',
  'specificProblem',
  'alarmDetails',
  'alarmedObject',
  'alarmedObjectType',
  'externalAlarmId',
  'sourceSystemId',
  'reportingSystemId',
  'alarmReportingTime',
  'isRootCause',
  'alarmEscalation',
  'plannedOutageIndicator',
  'proposedRepairedActions',
  'affectedService',
  'correlatedAlarm',
  'parentAlarm',
  'place',
  'comment',
  'crossedThresholdInformation',
] as const satisfies readonly (keyof TmfAlarmAttributes)[];

/** Attributes of a PATCH that change the alarm's description (an `updated` event). */
const UPDATING: readonly (keyof TmfAlarmAttributes)[] = [...DESCRIPTIVE, 'perceivedSeverity', 'probableCause', 'serviceAffecting'];

const ALARM_TRANSITIONS: readonly string[] = ['raised', 'updated', 'acknowledged', 'unacknowledged', 'cleared'];

/** OpsQuest source from a TMF sourceSystemId: letters, digits, dot, dash and underscore; `tmf642` when none is left. */
export function sourceOf(sourceSystemId: string | undefined): string {
  const cleaned = (sourceSystemId ?? '')
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return cleaned === '' ? DEFAULT_SOURCE : cleaned;
}

const isClearing = (a: Pick<TmfAlarmAttributes, 'state' | 'perceivedSeverity'>): boolean => a.state === 'cleared' || a.perceivedSeverity === 'cleared';

/** The OpsQuest attributes a TMF alarm (or part of one) carries. `cleared` is a state here, not a severity. */
export function attributesOf(alarm: TmfAlarmAttributes): EventAttributes | undefined {
  const a: EventAttributes = {};
  if (alarm.perceivedSeverity !== undefined && alarm.perceivedSeverity !== 'cleared') a.perceivedSeverity = alarm.perceivedSeverity;
  if (alarm.alarmedObject !== undefined) a.alarmedObject = alarm.alarmedObject.id;
  if (alarm.probableCause !== undefined) a.probableCause = alarm.probableCause;
  if (alarm.specificProblem !== undefined) a.specificProblem = alarm.specificProblem;
  if (alarm.serviceAffecting !== undefined) a.serviceAffecting = alarm.serviceAffecting;
  for (const place of alarm.place ?? []) {
    const name = (place.name ?? place.id ?? '').trim().slice(0, 100);
    if (name === '') continue;
    if (/site/i.test(place.role)) a.site = name;
    else if (/region/i.test(place.role)) a.region = name;
  }
  // the source's own correlation (the door turns it into incidents: server incident-stamps.ts)
  const parents = (alarm.parentAlarm ?? []).map((r) => r.id.trim()).filter((id) => id !== '');
  if (parents.length > 0) a.parentAlarms = parents.slice(0, 20);
  const correlated = (alarm.correlatedAlarm ?? []).map((r) => r.id.trim()).filter((id) => id !== '');
  if (correlated.length > 0) a.correlatedAlarms = correlated.slice(0, 500);
  if (alarm.isRootCause === true) a.rootCause = true;
  return Object.keys(a).length > 0 ? a : undefined;
}

type AlarmKey = Pick<OpsEvent, 'source' | 'externalKey'>;

function alarmEvent(key: AlarmKey, transition: AlarmTransition, occurredAt: string, extra: { actor?: string | undefined; attributes?: EventAttributes | undefined; eventId?: string | undefined } = {}): OpsEvent {
  return {
    source: key.source,
    stream: 'alarm',
    externalKey: key.externalKey,
    transition,
    occurredAt,
    ...(extra.eventId !== undefined ? { eventId: extra.eventId } : {}),
    ...(extra.actor !== undefined ? { actor: extra.actor } : {}),
    ...(extra.attributes !== undefined ? { attributes: extra.attributes } : {}),
  };
}

/**
 * POST /alarm: a raise, then an acknowledge and a clear when the alarm arrives in those states. An
 * alarm OpsQuest first hears of as already acknowledged or cleared was never seen open: the work on it
 * cannot be checked, so it is recorded (MTTA / MTTR) without naming a person to pay.
 */
export function createEvents(body: AlarmCreate, externalKey: string): OpsEvent[] {
  const key = { source: sourceOf(body.sourceSystemId), externalKey };
  const events = [alarmEvent(key, 'raised', body.alarmRaisedTime, { attributes: attributesOf(body) })];
  const changedAt = body.alarmChangedTime ?? body.alarmRaisedTime;
  if (body.ackState === 'acknowledged') events.push(alarmEvent(key, 'acknowledged', changedAt));
  if (isClearing(body)) events.push(alarmEvent(key, 'cleared', body.alarmClearedTime ?? changedAt));
  return events;
}

/**
 * PATCH /alarm/{id} as events, in this order: a description change (`updated`, or `raised` to
 * reopen a cleared alarm), then an acknowledge change, then a clear. The lifecycle decides what is
 * possible; the service stores all or nothing.
 */
export function patchEvents(item: WorkItem, patch: AlarmUpdate, now: string): OpsEvent[] {
  const key = { source: item.source, externalKey: item.externalKey };
  const at = patch.alarmChangedTime ?? now;
  const attributes = attributesOf(patch);
  const describes = UPDATING.some((field) => patch[field] !== undefined && !(field === 'perceivedSeverity' && patch.perceivedSeverity === 'cleared'));
  const events: OpsEvent[] = [];
  if (patch.state === 'raised' && !item.open) events.push(alarmEvent(key, 'raised', at, { attributes }));
  else if (describes || patch.state === 'updated') events.push(alarmEvent(key, 'updated', at, { attributes }));
  if (patch.ackState !== undefined) events.push(alarmEvent(key, patch.ackState, at, { actor: patch.ackUserId }));
  if (isClearing(patch)) events.push(alarmEvent(key, 'cleared', patch.alarmClearedTime ?? at, { actor: patch.clearUserId }));
  return events;
}

/** The item a notification concerns: the notifying server's id for the alarm (else its externalAlarmId). */
export function listenerKey(envelope: ListenerEnvelope): AlarmKey {
  const alarm = envelope.event.alarm;
  return { source: sourceOf(alarm.sourceSystemId), externalKey: alarm.id !== undefined ? String(alarm.id) : (alarm.externalAlarmId ?? '') };
}

/**
 * A notification from an NMS acting as TMF642 server as one event; its eventId makes a redelivery
 * a duplicate. Create -> raised; attribute change -> updated (or cleared when the severity became
 * `cleared`); state change -> cleared, else the ackState it moved to, else a reopen or an update.
 */
export function listenerEvent(type: TmfListenerEventType, envelope: ListenerEnvelope, current: WorkItem | undefined, now: string): OpsEvent {
  const alarm = envelope.event.alarm;
  const key = listenerKey(envelope);
  const eventTime = envelope.eventTime ?? envelope.timeOcurred ?? now;
  const changedAt = alarm.alarmChangedTime ?? eventTime;
  const common = { attributes: attributesOf(alarm), eventId: envelope.eventId };
  const clear = () => alarmEvent(key, 'cleared', alarm.alarmClearedTime ?? changedAt, { ...common, actor: alarm.clearUserId });
  switch (type) {
    case 'AlarmCreateEvent':
      return alarmEvent(key, 'raised', alarm.alarmRaisedTime ?? eventTime, common);
    case 'AlarmAttributeValueChangeEvent':
      return isClearing(alarm) ? clear() : alarmEvent(key, 'updated', changedAt, common);
    case 'AlarmStateChangeEvent': {
      if (isClearing(alarm)) return clear();
      if (alarm.ackState !== undefined && alarm.ackState !== (current?.ackState ?? 'unacknowledged')) {
        return alarmEvent(key, alarm.ackState, changedAt, { ...common, actor: alarm.ackUserId });
      }
      if (current !== undefined && !current.open) return alarmEvent(key, 'raised', alarm.alarmRaisedTime ?? changedAt, common);
      return alarmEvent(key, 'updated', changedAt, common);
    }
  }
}

/** The alarm object inside a stored raw payload: a notification's `event.alarm`, else the body itself. */
function alarmOfRaw(raw: string): TmfAlarmAttributes | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null) return undefined;
  const event = 'event' in payload ? payload.event : undefined;
  const candidate = typeof event === 'object' && event !== null && 'alarm' in event ? event.alarm : payload;
  const parsed = tmfAlarmAttributesSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Folds an alarm's applied events (in log order) into what the work item does not keep: the TMF-only
 * attributes from the raw payloads that came in over TMF642, the system ids of the current
 * acknowledge and clear, and when the alarm last changed (OpsQuest's SLA events do not count).
 */
export function foldHistory(entries: readonly AlarmHistoryEntry[]): AlarmHistory {
  const history: AlarmHistory = { attributes: {} };
  const attributes: Record<string, unknown> = {};
  let cleared = false;
  for (const entry of entries) {
    if (!ALARM_TRANSITIONS.includes(entry.transition)) continue;
    history.changedAt = Math.max(history.changedAt ?? entry.occurredAt, entry.occurredAt);
    const alarm = entry.via === TMF642_VIA && entry.raw !== null ? alarmOfRaw(entry.raw) : undefined;
    if (alarm) for (const field of DESCRIPTIVE) if (alarm[field] !== undefined) attributes[field] = alarm[field];
    switch (entry.transition) {
      case 'raised':
        if (cleared) {
          delete history.ackSystemId;
          delete history.clearSystemId;
          cleared = false;
        }
        break;
      case 'acknowledged':
        if (alarm?.ackSystemId !== undefined) history.ackSystemId = alarm.ackSystemId;
        else delete history.ackSystemId;
        break;
      case 'unacknowledged':
        delete history.ackSystemId;
        break;
      case 'cleared':
        cleared = true;
        if (alarm?.clearSystemId !== undefined) history.clearSystemId = alarm.clearSystemId;
        else delete history.clearSystemId;
        break;
    }
  }
  history.attributes = attributes as TmfAlarmAttributes;
  return history;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function alarmHref(id: number | string): string {
  return `${TMF642_BASE_PATH}/alarm/${id}`;
}

export function alarmRef(id: number): TmfAlarmRef {
  return { id: String(id), href: alarmHref(id), '@referredType': 'Alarm' };
}

/**
 * The incidents whose root cause the TMF642 view of these items names as their parent (OpsQuest's
 * own correlation: a child of an incident points at the incident's root alarm).
 */
export function incidentsOfChildren(items: readonly WorkItem[]): string[] {
  return [...new Set(items.flatMap((i) => (i.incidentId !== undefined && i.incidentRoot !== true ? [i.incidentId] : [])))];
}

/**
 * A work item (any alarm in OpsQuest, whatever its source) as a TMF642 Alarm; `id` is the work item id.
 * `incidentRoots` (incident id to its root alarm's id) gives a child of an OpsQuest incident its
 * parentAlarm when the source named none.
 */
export function toTmfAlarm(id: number, item: WorkItem, history: AlarmHistory, incidentRoots: ReadonlyMap<string, number> = new Map()): TmfAlarm {
  const extra = history.attributes;
  const acknowledged = item.ackState === 'acknowledged';
  const cleared = !item.open;
  const rootId = item.incidentId !== undefined && item.incidentRoot !== true ? incidentRoots.get(item.incidentId) : undefined;
  const alarmedObject =
    item.alarmedObject !== undefined ? { ...(extra.alarmedObject ?? {}), id: item.alarmedObject } : extra.alarmedObject;
  const optional: Partial<TmfAlarm> = {
    alarmClearedTime: cleared && item.closedAt !== undefined ? iso(item.closedAt) : undefined,
    ackUserId: acknowledged ? item.assignee : undefined,
    ackSystemId: acknowledged ? history.ackSystemId : undefined,
    clearUserId: cleared ? item.resolvedBy : undefined,
    clearSystemId: cleared ? history.clearSystemId : undefined,
    alarmType: extra.alarmType,
    probableCause: item.probableCause,
    specificProblem: extra.specificProblem,
    alarmDetails: extra.alarmDetails,
    alarmedObject,
    alarmedObjectType: extra.alarmedObjectType,
    reportingSystemId: extra.reportingSystemId,
    alarmReportingTime: extra.alarmReportingTime,
    // the source's word, else OpsQuest's own correlation: an incident's root cause (false for its other alarms)
    isRootCause: extra.isRootCause ?? (item.incidentId !== undefined ? item.incidentRoot === true : undefined),
    alarmEscalation: extra.alarmEscalation,
    plannedOutageIndicator: extra.plannedOutageIndicator,
    proposedRepairedActions: extra.proposedRepairedActions,
    affectedService: extra.affectedService,
    correlatedAlarm: extra.correlatedAlarm,
    parentAlarm: extra.parentAlarm ?? (rootId !== undefined && rootId !== id ? [{ ...alarmRef(rootId) }] : undefined),
    place: extra.place,
    comment: extra.comment,
    crossedThresholdInformation: extra.crossedThresholdInformation,
  };
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<TmfAlarm>;
  return {
    id: String(id),
    href: alarmHref(id),
    '@type': 'Alarm',
    externalAlarmId: extra.externalAlarmId ?? item.externalKey,
    sourceSystemId: extra.sourceSystemId ?? item.source,
    state: cleared ? 'cleared' : item.status === 'raised' ? 'raised' : 'updated',
    ackState: item.ackState ?? 'unacknowledged',
    perceivedSeverity: item.severity ?? 'indeterminate',
    serviceAffecting: item.serviceAffecting,
    alarmRaisedTime: iso(item.openedAt),
    alarmChangedTime: iso(Math.max(history.changedAt ?? item.lastEventAt, item.openedAt)),
    ...present,
  };
}

/** Only the asked-for attributes (TMF `fields`); id and href always come back. */
export function selectFields(alarm: TmfAlarm, fields: readonly TmfAlarmField[] | undefined): Partial<TmfAlarm> {
  if (fields === undefined) return alarm;
  const wanted = new Set<string>(['id', 'href', ...fields]);
  return Object.fromEntries(Object.entries(alarm).filter(([k]) => wanted.has(k))) as Partial<TmfAlarm>;
}

/** Whether an alarm meets every criterion of one alarmPattern entry. */
export function matchesPattern(id: number, item: WorkItem, pattern: AlarmPattern): boolean {
  const checks: boolean[] = [];
  if (pattern.id !== undefined) checks.push(String(pattern.id) === String(id));
  if (pattern.externalAlarmId !== undefined) checks.push(pattern.externalAlarmId === item.externalKey);
  if (pattern.alarmedObject !== undefined) checks.push(pattern.alarmedObject.id === item.alarmedObject);
  if (pattern.perceivedSeverity !== undefined) checks.push(pattern.perceivedSeverity === 'cleared' ? !item.open : pattern.perceivedSeverity === item.severity);
  if (pattern.probableCause !== undefined) checks.push(pattern.probableCause === item.probableCause);
  if (pattern.state !== undefined) checks.push(pattern.state === (item.open ? (item.status === 'raised' ? 'raised' : 'updated') : 'cleared'));
  if (pattern.ackState !== undefined) checks.push(pattern.ackState === (item.ackState ?? 'unacknowledged'));
  if (pattern.serviceAffecting !== undefined) checks.push(pattern.serviceAffecting === item.serviceAffecting);
  return checks.length > 0 && checks.every(Boolean);
}

/** An acknowledge or clear of one alarm by a task (AckAlarms / ClearAlarms). */
export function taskEvent(item: WorkItem, transition: 'acknowledged' | 'cleared', occurredAt: string, actor: string | undefined): OpsEvent {
  return alarmEvent({ source: item.source, externalKey: item.externalKey }, transition, occurredAt, { actor });
}
