import { incidentIdOf, type OpsEvent, type WorkItem } from '@opsquest/core';
import type { IncidentRegroupBody, IncidentRegroupResult } from '@opsquest/contracts';
import { conflict, invalid, notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { WorkItemRecord } from '../ports/work-items-store';
import type { Principal } from './auth.service';
import { groupedEvent, INCIDENT_VIA } from './incident-stamps';
import type { IngestService } from './ingest.service';
import type { WorkItemsService } from './work-items.service';

/**
 * Leads and admins fix what correlation got wrong: make another alarm an incident's root cause,
 * split an alarm out, or merge an incident (or a lone alarm) into another. Each change is a set of
 * `grouped` events in the log (so a replay decides the same), audited, and pays nobody; the place's
 * claim follows, so the storm's next alarms join the incident as it now is.
 */
export class IncidentsService {
  constructor(
    private readonly repos: Repositories,
    private readonly ingest: IngestService,
    private readonly workItems: WorkItemsService,
    private readonly now: () => number = Date.now,
  ) {}

  private async openAlarm(id: number, field: string): Promise<WorkItemRecord & { item: WorkItem }> {
    const record = await this.repos.workItems.findById(id);
    if (!record) throw field === 'id' ? notFound(`Work item ${id} not found`) : invalid(`${field} names no work item`, [{ path: `body.${field}`, message: `work item ${id} does not exist` }]);
    if (record.item.stream !== 'alarm') throw conflict(`Work item ${id} is not an alarm: only alarms form incidents`);
    if (!record.item.open) throw conflict(`Alarm ${id} is cleared: only open alarms can be regrouped`);
    if (record.item.maintenanceWindowId !== undefined) throw conflict(`Alarm ${id} is planned work: it is in no incident`);
    return record;
  }

  async regroup(id: number, body: IncidentRegroupBody, principal: Principal): Promise<IncidentRegroupResult> {
    const record = await this.openAlarm(id, 'id');
    const item = record.item;
    const at = new Date(this.now()).toISOString();
    const events: (OpsEvent | undefined)[] = [];
    let audit: Record<string, unknown>;
    if (body.action === 'root' || body.action === 'split') {
      const incidentId = item.incidentId;
      if (incidentId === undefined) throw conflict(`Alarm ${id} is not part of an incident`);
      const members = await this.repos.incidents.openMembers(incidentId);
      if (body.action === 'root') {
        if (item.incidentRoot === true) throw conflict(`Alarm ${id} is already its incident's root cause`);
        events.push(groupedEvent(item.key, at, incidentId, 'root', principal.username));
        for (const m of members) if (m.incidentRoot === true && m.itemKey !== item.key) events.push(groupedEvent(m.itemKey, at, incidentId, 'child', principal.username));
        await this.repos.incidents.repoint(incidentId, { incidentId, rootKey: item.key });
      } else {
        if (item.incidentRoot === true && members.some((m) => m.itemKey !== item.key)) throw conflict(`Alarm ${id} is its incident's root cause: make another alarm the root first`);
        events.push(groupedEvent(item.key, at, undefined, undefined, principal.username));
      }
      audit = { incidentId };
    } else {
      if (body.into === id) throw invalid('into is this alarm', [{ path: 'body.into', message: 'must be another alarm' }]);
      const target = (await this.openAlarm(body.into, 'into')).item;
      if (item.incidentId !== undefined && item.incidentId === target.incidentId) throw conflict(`Alarms ${id} and ${body.into} are already one incident`);
      const into = target.incidentId ?? incidentIdOf(target.key, target.openedAt);
      const rootKey = target.incidentId !== undefined ? ((await this.repos.incidents.openMembers(into)).find((m) => m.incidentRoot === true)?.itemKey ?? target.key) : target.key;
      if (target.incidentId === undefined) events.push(groupedEvent(target.key, at, into, 'root', principal.username));
      const moving = item.incidentId !== undefined ? (await this.repos.incidents.openMembers(item.incidentId)).map((m) => m.itemKey) : [item.key];
      for (const key of moving) events.push(groupedEvent(key, at, into, 'child', principal.username));
      if (item.incidentId !== undefined) await this.repos.incidents.repoint(item.incidentId, { incidentId: into, rootKey });
      audit = { from: item.incidentId ?? null, into, alarms: moving.length };
    }
    const outcomes = await this.ingest.ingest(
      events.flatMap((event) => (event ? [{ event, via: INCIDENT_VIA }] : [])),
      { rejectInvalid: true },
    );
    await this.repos.audit.record(this.now(), { actorId: principal.id, action: `incident.${body.action}`, targetType: 'work-item', targetId: String(id), details: audit });
    const ids = [...new Set(outcomes.flatMap((o) => (o.itemId !== undefined ? [o.itemId] : [])))];
    const items = await Promise.all(ids.map((itemId) => this.workItems.get(itemId)));
    return { items };
  }
}
