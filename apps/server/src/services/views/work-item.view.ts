import { clockView, type SlaClockState, type SlaTarget, type WorkItem } from '@opsquest/core';
import type { ChecklistItemView, LedgerEntryView, SlaClockDto, WorkItemView } from '@opsquest/contracts';
import type { LedgerRow } from '../ports/ledger-store';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

function clockDto(target: SlaTarget, clock: SlaClockState, now: number, atRiskPct: number): SlaClockDto {
  const view = clockView(target, clock, now, atRiskPct);
  return {
    target,
    startedAt: new Date(clock.startedAt).toISOString(),
    dueAt: new Date(view.dueAt).toISOString(),
    ...(clock.stoppedAt !== undefined ? { stoppedAt: new Date(clock.stoppedAt).toISOString() } : {}),
    elapsedPct: view.elapsedPct,
    atRiskPct,
    atRisk: view.atRisk,
    breached: view.breached,
    paused: view.paused,
    ...(view.outcome ? { outcome: view.outcome } : {}),
  };
}

function checklistView(checklist: WorkItem['checklist']): ChecklistItemView[] | undefined {
  return checklist?.map((c) => ({
    id: c.id,
    label: c.label,
    done: c.done,
    ...(c.doneBy !== undefined ? { doneBy: c.doneBy } : {}),
    ...(c.doneAt !== undefined ? { doneAt: new Date(c.doneAt).toISOString() } : {}),
  }));
}

/** The API shape of a work item, with its SLA clocks as seen now. */
export function toWorkItemView(id: number, item: WorkItem, updatedAt: number, now: number, atRiskPct: number): WorkItemView {
  const optional = {
    ackState: item.ackState,
    severity: item.severity,
    priority: item.priority,
    alarmedObject: item.alarmedObject,
    probableCause: item.probableCause,
    region: item.region,
    site: item.site,
    customer: item.customer,
    assignee: item.assignee,
    appointmentStart: iso(item.appointmentStart),
    appointmentEnd: iso(item.appointmentEnd),
    requestedCompletionDate: iso(item.requestedCompletionDate),
    firstTimeFix: item.firstTimeFix,
    notes: item.notes,
    address: item.address,
    location: item.location,
    contact: item.contact,
    accessNotes: item.accessNotes,
    checklist: checklistView(item.checklist),
    respondedAt: iso(item.respondedAt),
    resolvedAt: iso(item.resolvedAt),
    maintenanceWindowId: item.maintenanceWindowId,
    incidentId: item.incidentId,
    incidentRoot: item.incidentRoot,
  };
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<WorkItemView>;
  return {
    id,
    key: item.key,
    stream: item.stream,
    source: item.source,
    externalKey: item.externalKey,
    status: item.status,
    title: item.title,
    serviceAffecting: item.serviceAffecting,
    customersAffected: item.customersAffected,
    vip: item.vip,
    count: item.count,
    reraiseCount: item.reraiseCount,
    open: item.open,
    openedAt: new Date(item.openedAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
    sla: {
      response: clockDto('response', item.sla.response, now, atRiskPct),
      resolution: clockDto('resolution', item.sla.resolution, now, atRiskPct),
    },
    ...present,
  };
}

export function toLedgerView(row: Pick<LedgerRow, 'entryId' | 'personId' | 'points' | 'ruleId' | 'ruleVersion' | 'reason' | 'at' | 'itemKey'> & { reversalOf?: string | null }): LedgerEntryView {
  return {
    entryId: row.entryId,
    personId: row.personId,
    points: row.points,
    ruleId: row.ruleId,
    ruleVersion: row.ruleVersion,
    reason: row.reason,
    at: new Date(row.at).toISOString(),
    itemKey: row.itemKey,
    ...(row.reversalOf ? { reversalOf: row.reversalOf } : {}),
  };
}
