import type { EngineConfig, OpsEvent, Stream, Transition, WorkItem } from '@opsquest/core';
import type { BulkActionBody, Role, WorkAction, WorkActionBody, WorkActionResult, WorkItemTimeline, WorkItemView, WorkItemsQuery } from '@opsquest/contracts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { Principal } from './auth.service';
import type { IngestService } from './ingest.service';
import { toLedgerView, toWorkItemView } from '../views/work-item.view';

/** Which console action is which transition, per stream, and who may take it. */
const ACTIONS: Record<Stream, Partial<Record<WorkAction, Transition>>> = {
  alarm: { acknowledge: 'acknowledged', unacknowledge: 'unacknowledged', clear: 'cleared', comment: 'commented' },
  order: { start: 'inProgress', complete: 'completed' },
  truckroll: { dispatch: 'dispatched', onSite: 'onSite', complete: 'completed', unableToComplete: 'unableToComplete', tickChecklist: 'checklistTicked' },
};

const ROLES_BY_STREAM: Record<Stream, readonly Role[]> = {
  alarm: ['engineer', 'lead', 'admin'],
  order: ['engineer', 'lead', 'admin'],
  truckroll: ['technician', 'lead', 'admin'],
};

/** A checklist tick names an item on this truck-roll's checklist and says whether it is now done. */
function checkTick(body: WorkActionBody, item: WorkItem): void {
  if (body.checklistItemId === undefined) throw invalid('A checklist tick needs checklistItemId', [{ path: 'body.checklistItemId', message: 'is required with tickChecklist' }]);
  if (body.done === undefined) throw invalid('A checklist tick needs done', [{ path: 'body.done', message: 'is required with tickChecklist' }]);
  if (!item.checklist?.some((c) => c.id === body.checklistItemId)) {
    throw invalid(`Checklist item ${body.checklistItemId} is not on this truck-roll`, [{ path: 'body.checklistItemId', message: 'is not on this truck-roll' }]);
  }
}

/** One item of a bulk action: done, or the domain error that stopped it. */
export type BulkOutcome = { id: number; done: WorkActionResult; error?: undefined } | { id: number; done?: undefined; error: DomainError };

/** Reading the queues, and people's actions on work items (which become events like any other). */
export class WorkItemsService {
  constructor(
    private readonly repos: Repositories,
    private readonly ingest: IngestService,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
    private readonly maxOfflineMs: number = 72 * 3_600_000,
  ) {}

  /**
   * Time belongs to the server: an action happens when the server receives it. Only an action queued
   * offline on a technician's phone keeps the time it was taken, and only when that time lies after the
   * item's last known change, after the moment the outbox says the phone went offline (at most
   * `maxOfflineMs` ago) and before now. Anything else is a 400 naming the field.
   */
  private actionTime(body: WorkActionBody, item: WorkItem, principal: Principal, now: number): string {
    const field = (path: string, message: string): DomainError => invalid(`${path.replace('body.', '')} ${message}`, [{ path, message }]);
    if (body.occurredAt === undefined) {
      if (body.offline !== undefined) throw field('body.occurredAt', 'is required with offline: the time the action was taken on the device');
      return new Date(now).toISOString();
    }
    if (body.offline === undefined) throw field('body.occurredAt', 'is only accepted for an action queued offline (with offline.since); otherwise the server records the time it receives the action');
    if (item.stream !== 'truckroll' || principal.role !== 'technician') throw field('body.occurredAt', "is only accepted for a truck-roll action queued offline on a technician's phone");
    const at = Date.parse(body.occurredAt);
    const since = Date.parse(body.offline.since);
    if (since > now) throw field('body.offline.since', 'is in the future');
    if (now - since > this.maxOfflineMs) throw field('body.offline.since', `is more than ${Math.round(this.maxOfflineMs / 3_600_000)} h ago: an action queued offline that long is recorded when it arrives`);
    if (at > now) throw field('body.occurredAt', 'is in the future');
    if (at < since) throw field('body.occurredAt', 'is before the device went offline (offline.since)');
    // Never before the item's last known change: a console action is not placed among later events
    // (only integrations' events are applied in time order). A visit closed meanwhile is a 409.
    if (at < item.lastEventAt) {
      if (!item.open) throw conflict(`Cannot ${body.action}: the truck-roll is already ${item.status} (it changed after this action was taken offline)`);
      throw field('body.occurredAt', `is before the truck-roll's last change (${new Date(item.lastEventAt).toISOString()})`);
    }
    return new Date(at).toISOString();
  }

  view(id: number, item: Parameters<typeof toWorkItemView>[1], updatedAt: number): WorkItemView {
    return toWorkItemView(id, item, updatedAt, this.now(), this.config.atRiskPct);
  }

  async list(query: WorkItemsQuery, principal: Principal): Promise<WorkItemView[]> {
    const mine = query.mine === 'true' || (principal.role === 'technician' && query.stream === 'truckroll' && query.mine !== 'false');
    const records = await this.repos.workItems.list({
      state: query.state,
      limit: query.limit,
      ...(query.stream ? { stream: query.stream } : {}),
      ...(mine ? { assignee: principal.username } : {}),
    });
    const views = records.map((r) => this.view(r.id, r.item, r.updatedAt));
    if (query.state === 'open' && query.stream !== 'truckroll') {
      // Severity first (the SQL order), then SLA risk: breached, then at risk, then least time left.
      const risk = (v: WorkItemView): number => {
        const clock = v.sla.response.stoppedAt === undefined ? v.sla.response : v.sla.resolution;
        return clock.breached ? 0 : clock.atRisk ? 1 : 2;
      };
      const sev = (v: WorkItemView): number => ['critical', 'major', 'minor', 'warning', 'indeterminate'].indexOf(v.severity ?? 'indeterminate');
      views.sort((a, b) => sev(a) - sev(b) || risk(a) - risk(b) || Date.parse(a.sla.resolution.dueAt) - Date.parse(b.sla.resolution.dueAt));
    }
    return views;
  }

  async get(id: number): Promise<WorkItemView> {
    const record = await this.repos.workItems.findById(id);
    if (!record) throw notFound(`Work item ${id} not found`);
    return this.view(record.id, record.item, record.updatedAt);
  }

  /**
   * A person's action: checked against role and lifecycle, then ingested like any event. With an
   * Idempotency-Key a resend returns the first result and changes nothing.
   */
  async act(id: number, body: WorkActionBody, principal: Principal, idempotencyKey?: string): Promise<WorkActionResult> {
    const record = await this.repos.workItems.findById(id);
    if (!record) throw notFound(`Work item ${id} not found`);
    const { item } = record;
    const transition = ACTIONS[item.stream][body.action];
    if (!transition) throw conflict(`${body.action} does not apply to ${item.stream === 'truckroll' ? 'a truck-roll' : `an ${item.stream}`}`);
    if (!ROLES_BY_STREAM[item.stream].includes(principal.role)) throw forbidden(`A ${principal.role} may not ${body.action} this ${item.stream}`);
    if (body.action === 'comment' && !body.notes?.trim()) throw invalid('A comment needs text in notes', [{ path: 'body.notes', message: 'a comment needs text' }]);
    if (body.action === 'tickChecklist') checkTick(body, item);
    if (principal.role === 'technician' && item.assignee !== undefined && item.assignee.toLowerCase() !== principal.username.toLowerCase()) {
      throw forbidden('This truck-roll is assigned to someone else');
    }
    // A lead manages their own team's field work: not a truck-roll assigned to another team's technician.
    if (principal.role === 'lead' && item.stream === 'truckroll' && item.assignee !== undefined) {
      const assignee = await this.repos.people.findByUsername(item.assignee);
      if (assignee && assignee.teamId !== principal.teamId) throw forbidden("This truck-roll is assigned to another team's technician");
    }
    // Undoing an acknowledgement is for the person who made it (and leads and admins), not for anyone.
    if (body.action === 'unacknowledge' && principal.role === 'engineer' && item.open && item.ackState === 'acknowledged' && item.assignee?.toLowerCase() !== principal.username.toLowerCase()) {
      throw forbidden('Only the engineer who acknowledged this alarm (or a lead) can undo the acknowledgement');
    }
    const attributes: OpsEvent['attributes'] = {
      ...(body.firstTimeFix !== undefined ? { firstTimeFix: body.firstTimeFix } : {}),
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      ...(body.action === 'tickChecklist' ? { checklistItemId: body.checklistItemId, checklistDone: body.done } : {}),
    };
    const occurredAt = this.actionTime(body, item, principal, this.now());
    const event: OpsEvent = {
      source: item.source,
      stream: item.stream,
      externalKey: item.externalKey,
      transition,
      occurredAt,
      actor: principal.username,
      ...(Object.keys(attributes).length ? { attributes } : {}),
      // The key is scoped to person, item and action: reusing it elsewhere is a new action, not a resend.
      ...(idempotencyKey ? { eventId: `console:${principal.id}:${id}:${body.action}:${idempotencyKey}` } : {}),
    };
    const [outcome] = await this.ingest.ingest([{ event, via: 'console' }], { rejectInvalid: true });
    if (!outcome) throw conflict('Nothing was recorded');
    const fresh = await this.repos.workItems.findById(id);
    if (!fresh) throw notFound(`Work item ${id} not found`);
    const awarded =
      outcome.status === 'duplicate'
        ? (await this.repos.ledger.forEventKey(outcome.eventKey)).filter((e) => e.personId === principal.id).map(toLedgerView)
        : (outcome.output?.ledger ?? []).filter((e) => e.personId === principal.id).map((e) => toLedgerView(e));
    const output = outcome.status === 'stored' ? outcome.output : undefined;
    const pending = (output?.item?.pendingAwards ?? [])
      .filter((p) => p.award.personId === principal.id && p.award.entryId.startsWith(`${outcome.eventKey}#`))
      .map((p) => ({ points: p.award.points, reason: p.reason, until: new Date(p.until).toISOString() }));
    const withheld = (output?.withheld ?? []).filter((w) => w.entry.personId === principal.id).map((w) => ({ points: w.entry.points, why: w.why, detail: w.detail }));
    return { item: this.view(fresh.id, fresh.item, fresh.updatedAt), duplicate: outcome.status === 'duplicate', awarded, pending, withheld };
  }

  /** Every event of the item in log order: who did what, how it reached us, and the points it earned. */
  async timeline(id: number): Promise<WorkItemTimeline> {
    const record = await this.repos.workItems.findById(id);
    if (!record) throw notFound(`Work item ${id} not found`);
    const names = new Map<string, string | undefined>();
    const nameOf = async (username: string): Promise<string | undefined> => {
      if (!names.has(username)) names.set(username, (await this.repos.people.findByUsername(username))?.displayName);
      return names.get(username);
    };
    const events: WorkItemTimeline['events'] = [];
    for (const e of await this.repos.events.listForItem(record.item.key)) {
      const actorName = e.event.actor ? await nameOf(e.event.actor) : undefined;
      events.push({
        seq: e.seq,
        at: new Date(Date.parse(e.event.occurredAt)).toISOString(),
        receivedAt: new Date(e.receivedAt).toISOString(),
        transition: e.event.transition,
        via: e.via,
        applied: e.applied,
        points: e.applied ? (await this.repos.ledger.forEventKey(e.eventKey)).map(toLedgerView) : [],
        ...(e.event.actor ? { actor: e.event.actor } : {}),
        ...(actorName ? { actorName } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
        ...(e.event.attributes ? { attributes: { ...e.event.attributes } } : {}),
      });
    }
    return { item: this.view(record.id, record.item, record.updatedAt), events };
  }

  /** The same action on many items; each succeeds or fails on its own (a conflict on one does not stop the rest). */
  async bulk(body: BulkActionBody, principal: Principal): Promise<BulkOutcome[]> {
    const results: BulkOutcome[] = [];
    for (const id of new Set(body.ids)) {
      try {
        results.push({ id, done: await this.act(id, { action: body.action }, principal) });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results.push({ id, error: err });
      }
    }
    return results;
  }
}
