import { randomBytes } from 'node:crypto';
import { maintenanceStateOf, type MissionDefinition } from '@opsquest/core';
import { MISSION_DESCRIPTION_MAX, MISSION_TITLE_MAX, type CreateMaintenanceBody, type MaintenanceWindowView, type MissionDraft } from '@opsquest/contracts';
import { conflict, invalid, notFound } from '../domain-errors';
import type { MaintenanceRow } from '../ports/maintenance-store';
import type { Repositories } from '../ports/repositories';
import type { ApiKeyPrincipal, Principal } from './auth.service';
import type { MissionsService } from './missions.service';

/** Who declares or cancels planned work: a lead or admin in the console, or an integration's key. */
export type MaintenanceActor = Principal | ApiKeyPrincipal;

/** The mission a window's planned work became (body.mission): one per window, found again by its id when the window is cancelled. */
export function missionIdOfWindow(windowId: string): string {
  return `m-${windowId}`;
}

/** How far back "recent" windows reach (ended or cancelled ones). */
const RECENT_MS = 30 * 86_400_000;

function nameOf(actor: MaintenanceActor): string {
  return actor.kind === 'person' ? actor.displayName : `API key ${actor.name}`;
}

function toView(row: MaintenanceRow, now: number, plannedAlarms: number): MaintenanceWindowView {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    id: row.id,
    title: row.title,
    reference: row.reference,
    scope: row.scope,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    declaredAt: iso(row.declaredAt),
    declaredBy: row.declaredBy,
    cancelledAt: row.cancelledAt === undefined ? null : iso(row.cancelledAt),
    state: maintenanceStateOf(row, now),
    plannedAlarms,
  };
}

/**
 * Planned work (maintenance windows): declared by leads, admins and integrations, listed for everyone
 * (the board and the wall show the active ones), cancelled early. Each change is audited and told to
 * every browser after it commits (`onChanged`, wired to the socket in app.ts).
 */
export class MaintenanceService {
  private listeners: ((windows: MaintenanceWindowView[]) => void | Promise<void>)[] = [];

  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
    private readonly missions?: MissionsService,
  ) {}

  /**
   * The planned work as a mission (body.mission): the truck-rolls completed in its scope during the
   * window, for the declaring lead's team (everyone for an admin). Checked before anything is stored.
   */
  private async missionFor(actor: MaintenanceActor, body: CreateMaintenanceBody, windowId: string): Promise<MissionDefinition | undefined> {
    if (body.mission === undefined) return undefined;
    if (actor.kind !== 'person' || !this.missions) throw invalid('Only a lead or an admin can make planned work a mission', [{ path: 'body.mission', message: 'is for a person declaring the work, not an integration' }]);
    const places = [...body.scope.sites, ...body.scope.elements, ...body.scope.regions];
    const draft: MissionDraft = {
      title: `Planned work: ${body.title}`.slice(0, MISSION_TITLE_MAX),
      description: `Truck-rolls completed at ${places.join(', ')} while the planned work runs.`.slice(0, MISSION_DESCRIPTION_MAX),
      scope: 'team',
      criteria: { stream: 'truckroll', effect: 'resolved', counting: 'count', conditions: [{ kind: 'inScope', scope: body.scope }] },
      target: body.mission.target,
      rewardPoints: body.mission.rewardPoints,
      startsAt: body.startsAt,
      endsAt: body.endsAt,
    };
    return { ...(await this.missions.buildDefinition(draft, { creator: actor }, 'body.mission')), id: missionIdOfWindow(windowId) };
  }

  onChanged(listener: (windows: MaintenanceWindowView[]) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  async list(state: 'current' | 'recent'): Promise<MaintenanceWindowView[]> {
    const now = this.now();
    const rows = await this.repos.maintenance.endingAfter(state === 'current' ? now : now - RECENT_MS);
    const counts = await this.repos.maintenance.plannedAlarmCounts(rows);
    const views = rows.map((r) => toView(r, now, counts.get(r.id) ?? 0));
    return state === 'current' ? views.filter((v) => v.state === 'active' || v.state === 'upcoming') : views;
  }

  async declare(actor: MaintenanceActor, body: CreateMaintenanceBody): Promise<MaintenanceWindowView> {
    const now = this.now();
    const startsAt = Date.parse(body.startsAt);
    const endsAt = Date.parse(body.endsAt);
    if (endsAt <= now) throw invalid('Planned work must end in the future', [{ path: 'body.endsAt', message: 'must be in the future (a window that has ended marks nothing)' }]);
    const id = `mw-${now.toString(36)}-${randomBytes(4).toString('hex')}`;
    const mission = await this.missionFor(actor, body, id);
    const row: MaintenanceRow = {
      id,
      title: body.title,
      reference: body.reference ?? null,
      scope: body.scope,
      startsAt,
      endsAt,
      declaredAt: now,
      declaredBy: nameOf(actor),
      actorId: actor.kind === 'person' ? actor.id : null,
      cancelledBy: null,
    };
    await this.repos.uow.run(async () => {
      await this.repos.maintenance.create(row);
      await this.repos.audit.record(now, {
        actorId: row.actorId,
        action: 'maintenance.declared',
        targetType: 'maintenance-window',
        targetId: row.id,
        details: { title: row.title, scope: row.scope, startsAt: body.startsAt, endsAt: body.endsAt, by: row.declaredBy },
      });
    });
    if (mission && this.missions && actor.kind === 'person') await this.missions.store(mission, actor.id, 'mission.created', { details: { maintenanceWindowId: row.id } });
    await this.changed();
    return { ...toView(row, now, 0), ...(mission ? { missionId: mission.id } : {}) };
  }

  async cancel(actor: MaintenanceActor, id: string, reason: string | undefined): Promise<MaintenanceWindowView> {
    const now = this.now();
    const row = await this.repos.maintenance.get(id);
    if (!row) throw notFound('No such maintenance window');
    if (row.cancelledAt !== undefined) throw conflict('This maintenance window was cancelled already');
    if (row.endsAt <= now) throw conflict('This maintenance window has ended');
    const by = nameOf(actor);
    const actorId = actor.kind === 'person' ? actor.id : null;
    const cancelled = await this.repos.uow.run(async () => {
      if (!(await this.repos.maintenance.cancel(id, now, by))) return false;
      await this.repos.audit.record(now, { actorId, action: 'maintenance.cancelled', targetType: 'maintenance-window', targetId: id, ...(reason ? { reason } : {}), details: { title: row.title, by } });
      // its mission (if the work was made one) ends with it, in the same unit: work done after the cancel does not count
      const versionBy = actorId ?? `api-key:${actor.id}`;
      await this.missions?.endEarly(missionIdOfWindow(id), now, { actorId, versionBy }, { maintenanceWindowId: id, reason: 'planned work cancelled' });
      return true;
    });
    if (!cancelled) throw conflict('This maintenance window was cancelled already');
    await this.changed();
    const counts = await this.repos.maintenance.plannedAlarmCounts([row]);
    return toView({ ...row, cancelledAt: now, cancelledBy: by }, now, counts.get(id) ?? 0);
  }

  private async changed(): Promise<void> {
    if (this.listeners.length === 0) return;
    const windows = await this.list('current');
    for (const listener of this.listeners) await listener(windows);
  }
}
