import { randomUUID } from 'node:crypto';
import { itemKeyOf, type OpsEvent, type WorkItem } from '@opsquest/core';
import { conflict, notFound } from '../../services/domain-errors';
import type { TmfAlarmsStore } from '../../services/ports/tmf-alarms-store';
import type { WorkItemRecord, WorkItemsStore } from '../../services/ports/work-items-store';
import type { IngestOutcome, IngestService } from '../../services/use-cases/ingest.service';
import {
  TMF642_BASE_PATH,
  TMF642_VIA,
  alarmRef,
  createEvents,
  foldHistory,
  listenerEvent,
  listenerKey,
  matchesPattern,
  patchEvents,
  selectFields,
  taskEvent,
  incidentsOfChildren,
  toTmfAlarm,
  type TmfAlarm,
  type TmfAlarmRef,
} from './tmf642.mapper';
import type {
  AckAlarmsCreate,
  AlarmCreate,
  AlarmListQuery,
  AlarmPattern,
  AlarmUpdate,
  ClearAlarmsCreate,
  ListenerEnvelope,
  TmfAlarmField,
  TmfListenerEventType,
} from './tmf642.schema';

export interface AlarmPage {
  alarms: Partial<TmfAlarm>[];
  total: number;
}

interface TaskCommon {
  id: string;
  href: string;
  state: 'done';
  alarmPattern: AlarmPattern[];
}

export interface AckAlarmsTask extends TaskCommon {
  '@type': 'AckAlarms';
  ackTime: string;
  ackUserId?: string;
  ackSystemId?: string;
  ackedAlarm: TmfAlarmRef[];
}

export interface ClearAlarmsTask extends TaskCommon {
  '@type': 'ClearAlarms';
  alarmClearedTime: string;
  clearUserId?: string;
  clearSystemId?: string;
  clearedAlarm: TmfAlarmRef[];
}

export interface ListenerResult {
  eventId?: string;
  status: IngestOutcome['status'];
  applied: boolean;
  reason?: string;
  alarm?: TmfAlarmRef;
}

/**
 * TMF642 Alarm Management use cases. Everything that changes an alarm becomes OpsEvents ingested
 * through IngestService (via `tmf642`, the request JSON kept as raw); reads come from the work items
 * and their event log.
 */
export class Tmf642Service {
  constructor(
    private readonly ingest: IngestService,
    private readonly workItems: WorkItemsStore,
    private readonly alarms: TmfAlarmsStore,
    private readonly now: () => number = Date.now,
  ) {}

  private nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  private async views(records: readonly WorkItemRecord[]): Promise<TmfAlarm[]> {
    const histories = await this.alarms.historyOf(records.map((r) => r.item.key));
    const roots = await this.alarms.incidentRoots(incidentsOfChildren(records.map((r) => r.item)));
    return records.map((r) => toTmfAlarm(r.id, r.item, foldHistory(histories.get(r.item.key) ?? []), roots));
  }

  private async viewOf(record: WorkItemRecord): Promise<TmfAlarm> {
    const [alarm] = await this.views([record]);
    if (!alarm) throw notFound(`Alarm ${record.id} not found`);
    return alarm;
  }

  private async record(id: string): Promise<WorkItemRecord> {
    const n = /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : NaN;
    const record = Number.isSafeInteger(n) ? await this.workItems.findById(n) : undefined;
    if (!record || record.item.stream !== 'alarm') throw notFound(`Alarm ${id} not found`);
    return record;
  }

  private byKey(event: Pick<OpsEvent, 'stream' | 'source' | 'externalKey'>): Promise<WorkItemRecord | undefined> {
    return this.workItems.findByKey(itemKeyOf(event));
  }

  /** All or nothing: an impossible transition is a 409 and nothing of the request is stored. */
  private ingestStrict(events: OpsEvent[], raw: string): Promise<IngestOutcome[]> {
    return this.ingest.ingest(
      events.map((event) => ({ event, via: TMF642_VIA, raw })),
      { rejectInvalid: true },
    );
  }

  /**
   * A client of our TMF642 API names related alarms by our ids (`parentAlarm: [{ id: "42" }]`): each
   * becomes the alarm's id in its source, as the door correlates by source and id. Ids we do not know
   * are kept as the source's own.
   */
  private async withOurRefs(events: OpsEvent[]): Promise<OpsEvent[]> {
    const resolve = async (source: string, ids: readonly string[] | undefined): Promise<string[] | undefined> => {
      if (ids === undefined) return undefined;
      const out: string[] = [];
      for (const id of ids) {
        const n = /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : NaN;
        const record = Number.isSafeInteger(n) ? await this.workItems.findById(n) : undefined;
        out.push(record && record.item.stream === 'alarm' && record.item.source === source ? record.item.externalKey : id);
      }
      return out;
    };
    return Promise.all(
      events.map(async (event) => {
        const a = event.attributes;
        if (a?.parentAlarms === undefined && a?.correlatedAlarms === undefined) return event;
        const parentAlarms = await resolve(event.source, a.parentAlarms);
        const correlatedAlarms = await resolve(event.source, a.correlatedAlarms);
        return { ...event, attributes: { ...a, ...(parentAlarms ? { parentAlarms } : {}), ...(correlatedAlarms ? { correlatedAlarms } : {}) } };
      }),
    );
  }

  async create(body: AlarmCreate, raw: string): Promise<TmfAlarm> {
    const events = await this.withOurRefs(createEvents(body, body.externalAlarmId ?? randomUUID()));
    await this.ingestStrict(events, raw);
    const [first] = events;
    const record = first ? await this.byKey(first) : undefined;
    if (!record) throw conflict('The alarm was not recorded');
    return this.viewOf(record);
  }

  async list(query: AlarmListQuery): Promise<AlarmPage> {
    const { total, records } = await this.alarms.page({
      offset: query.offset,
      limit: query.limit,
      ...(query.state ? { states: query.state } : {}),
      ...(query.perceivedSeverity ? { severities: query.perceivedSeverity } : {}),
      ...(query.ackState ? { ackStates: query.ackState } : {}),
    });
    return { total, alarms: (await this.views(records)).map((a) => selectFields(a, query.fields)) };
  }

  async get(id: string, fields?: readonly TmfAlarmField[]): Promise<Partial<TmfAlarm>> {
    return selectFields(await this.viewOf(await this.record(id)), fields);
  }

  async patch(id: string, body: AlarmUpdate, raw: string): Promise<TmfAlarm> {
    const record = await this.record(id);
    const events = patchEvents(record.item, body, this.nowIso());
    if (events.length > 0) await this.ingestStrict(events, raw);
    return this.viewOf(await this.record(id));
  }

  /** Open alarms meeting any pattern entry, in id order. */
  private async matching(patterns: readonly AlarmPattern[], keep: (item: WorkItem) => boolean): Promise<WorkItemRecord[]> {
    return (await this.alarms.openAlarms()).filter((r) => keep(r.item) && patterns.some((p) => matchesPattern(r.id, r.item, p)));
  }

  async ackAlarms(body: AckAlarmsCreate, raw: string): Promise<AckAlarmsTask> {
    const ackTime = body.ackTime ?? this.nowIso();
    const targets = await this.matching(body.alarmPattern, (item) => item.ackState !== 'acknowledged');
    await this.ingestStrict(
      targets.map((r) => taskEvent(r.item, 'acknowledged', ackTime, body.ackUserId)),
      raw,
    );
    const id = randomUUID();
    return {
      id,
      href: `${TMF642_BASE_PATH}/ackAlarms/${id}`,
      '@type': 'AckAlarms',
      state: 'done',
      ackTime,
      ...(body.ackUserId !== undefined ? { ackUserId: body.ackUserId } : {}),
      ...(body.ackSystemId !== undefined ? { ackSystemId: body.ackSystemId } : {}),
      alarmPattern: body.alarmPattern,
      ackedAlarm: targets.map((r) => alarmRef(r.id)),
    };
  }

  async clearAlarms(body: ClearAlarmsCreate, raw: string): Promise<ClearAlarmsTask> {
    const alarmClearedTime = body.alarmClearedTime ?? this.nowIso();
    const targets = await this.matching(body.alarmPattern, () => true);
    await this.ingestStrict(
      targets.map((r) => taskEvent(r.item, 'cleared', alarmClearedTime, body.clearUserId)),
      raw,
    );
    const id = randomUUID();
    return {
      id,
      href: `${TMF642_BASE_PATH}/clearAlarms/${id}`,
      '@type': 'ClearAlarms',
      state: 'done',
      alarmClearedTime,
      ...(body.clearUserId !== undefined ? { clearUserId: body.clearUserId } : {}),
      ...(body.clearSystemId !== undefined ? { clearSystemId: body.clearSystemId } : {}),
      alarmPattern: body.alarmPattern,
      clearedAlarm: targets.map((r) => alarmRef(r.id)),
    };
  }

  /**
   * A notification from an NMS that is the TMF642 server. The NMS is the system of record, so an
   * event the lifecycle cannot apply is still logged (applied: false) rather than refused.
   */
  async notify(type: TmfListenerEventType, envelope: ListenerEnvelope, raw: string): Promise<ListenerResult> {
    const key = { stream: 'alarm' as const, ...listenerKey(envelope) };
    const event = listenerEvent(type, envelope, (await this.byKey(key))?.item, this.nowIso());
    const [outcome] = await this.ingest.ingest([{ event, via: TMF642_VIA, raw }]);
    const record = await this.byKey(key);
    return {
      ...(envelope.eventId !== undefined ? { eventId: envelope.eventId } : {}),
      status: outcome?.status ?? 'duplicate',
      applied: outcome?.applied ?? false,
      ...(outcome?.reason !== undefined ? { reason: outcome.reason } : {}),
      ...(record ? { alarm: alarmRef(record.id) } : {}),
    };
  }
}
