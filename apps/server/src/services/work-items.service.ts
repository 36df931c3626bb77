import type { EngineConfig, OpsEvent, Stream, Transition } from '@opsquest/core';
import type { Role, WorkAction, WorkActionBody, WorkActionResult, WorkItemView, WorkItemsQuery } from '@opsquest/contracts';
import { conflict, forbidden, notFound } from '../http/errors';
import type { Repositories } from '../repositories';
import type { Principal } from './auth.service';
import type { IngestService } from './ingest.service';
import { toLedgerView, toWorkItemView } from './work-item.view';

/** Which console action is which transition, per stream, and who may take it. */
const ACTIONS: Record<Stream, Partial<Record<WorkAction, Transition>>> = {
  alarm: { acknowledge: 'acknowledged', unacknowledge: 'unacknowledged', clear: 'cleared' },
  order: { start: 'inProgress', complete: 'completed' },
  truckroll: { dispatch: 'dispatched', onSite: 'onSite', complete: 'completed', unableToComplete: 'unableToComplete' },
};

const ROLES_BY_STREAM: Record<Stream, readonly Role[]> = {
  alarm: ['engineer', 'lead', 'admin'],
  order: ['engineer', 'lead', 'admin'],
  truckroll: ['technician', 'lead', 'admin'],
};

/** Reading the queues, and people's actions on work items (which become events like any other). */
export class WorkItemsService {
  constructor(
    private readonly repos: Repositories,
    private readonly ingest: IngestService,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {}

  view(id: number, item: Parameters<typeof toWorkItemView>[1], updatedAt: number): WorkItemView {
    return toWorkItemView(id, item, updatedAt, this.now(), this.config.atRiskPct);
  }

  list(query: WorkItemsQuery, principal: Principal): WorkItemView[] {
    const mine = query.mine === 'true' || (principal.role === 'technician' && query.stream === 'truckroll' && query.mine !== 'false');
    const records = this.repos.workItems.list({
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

  get(id: number): WorkItemView {
    const record = this.repos.workItems.findById(id);
    if (!record) throw notFound(`Work item ${id} not found`);
    return this.view(record.id, record.item, record.updatedAt);
  }

  /**
   * A person's action: checked against role and lifecycle, then ingested like any event. With an
   * Idempotency-Key a resend returns the first result and changes nothing.
   */
  act(id: number, body: WorkActionBody, principal: Principal, idempotencyKey?: string): WorkActionResult {
    const record = this.repos.workItems.findById(id);
    if (!record) throw notFound(`Work item ${id} not found`);
    const { item } = record;
    const transition = ACTIONS[item.stream][body.action];
    if (!transition) throw conflict(`${body.action} does not apply to ${item.stream === 'truckroll' ? 'a truck-roll' : `an ${item.stream}`}`);
    if (!ROLES_BY_STREAM[item.stream].includes(principal.role)) throw forbidden(`A ${principal.role} may not ${body.action} this ${item.stream}`);
    if (principal.role === 'technician' && item.assignee !== undefined && item.assignee.toLowerCase() !== principal.username.toLowerCase()) {
      throw forbidden('This truck-roll is assigned to someone else');
    }
    const attributes: OpsEvent['attributes'] = {
      ...(body.firstTimeFix !== undefined ? { firstTimeFix: body.firstTimeFix } : {}),
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
    };
    const now = this.now();
    const occurredAt = body.occurredAt && Date.parse(body.occurredAt) <= now ? body.occurredAt : new Date(now).toISOString();
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
    const [outcome] = this.ingest.ingest([{ event, via: 'console' }], { rejectInvalid: true });
    if (!outcome) throw conflict('Nothing was recorded');
    const fresh = this.repos.workItems.findById(id);
    if (!fresh) throw notFound(`Work item ${id} not found`);
    const awarded =
      outcome.status === 'duplicate'
        ? this.repos.ledger.forEventKey(outcome.eventKey).filter((e) => e.personId === principal.id).map(toLedgerView)
        : (outcome.output?.ledger ?? []).filter((e) => e.personId === principal.id).map((e) => toLedgerView({ ...e, reversalOf: e.reversalOf ?? null }));
    return { item: this.view(fresh.id, fresh.item, fresh.updatedAt), duplicate: outcome.status === 'duplicate', awarded };
  }
}
