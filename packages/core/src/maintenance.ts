import type { OpsEvent } from './event';

/**
 * Planned work (a maintenance window): a lead or an integration declares that sites, network elements
 * or regions will be worked on between two instants. Alarms raised inside its scope during the window
 * are planned: they start no SLA clock, count in no MTTA or MTTR, and pay nothing (docs/GAME-RULES.md).
 */
export interface MaintenanceScope {
  /** region names, as alarms carry them */
  regions: string[];
  /** site codes */
  sites: string[];
  /** alarmed objects (network elements), matched exactly */
  elements: string[];
}

export interface MaintenanceWindow {
  id: string;
  title: string;
  scope: MaintenanceScope;
  /** epoch ms, inclusive */
  startsAt: number;
  /** epoch ms, exclusive */
  endsAt: number;
  /** when it was declared: a window only marks alarms that arrive after it is known */
  declaredAt: number;
  /** cancelled early: the window ends here (alarms raised later are ordinary faults again) */
  cancelledAt?: number;
}

/** The instant a window stops marking alarms: its end, or when it was cancelled if earlier. */
export function effectiveEnd(window: Pick<MaintenanceWindow, 'endsAt' | 'cancelledAt'>): number {
  return window.cancelledAt === undefined ? window.endsAt : Math.min(window.endsAt, window.cancelledAt);
}

/** Where a window stands at an instant: not yet begun, running, over, or ended early by a cancel. */
export type MaintenanceState = 'upcoming' | 'active' | 'ended' | 'cancelled';

/** A window's state at `now` (the server's answers and the browser's clock read it the same way). */
export function maintenanceStateOf(window: Pick<MaintenanceWindow, 'startsAt' | 'endsAt' | 'cancelledAt'>, now: number): MaintenanceState {
  if (window.cancelledAt !== undefined && window.cancelledAt <= now) return 'cancelled';
  if (now >= effectiveEnd(window)) return 'ended';
  return now >= window.startsAt ? 'active' : 'upcoming';
}

/** Whether a window's scope names this place (any of its regions, sites or elements). */
export function scopeCovers(scope: MaintenanceScope, place: { region?: string | undefined; site?: string | undefined; alarmedObject?: string | undefined }): boolean {
  const has = (list: readonly string[], value: string | undefined): boolean => value !== undefined && value !== '' && list.some((v) => v.toLowerCase() === value.toLowerCase());
  return has(scope.regions, place.region) || has(scope.sites, place.site) || has(scope.elements, place.alarmedObject);
}

/** The transitions that start an alarm's life, and so may start it as planned work. */
const STARTS_A_LIFE: ReadonlySet<string> = new Set(['raised']);

/**
 * The window an incoming alarm event falls in, if any: an alarm raised (by its source's time) inside
 * a window's time and scope, where the window was declared before the event was received. Earlier
 * windows first, so the choice is the same on every node. Place comes from the event's own attributes.
 */
export function windowForEvent(event: OpsEvent, windows: readonly MaintenanceWindow[], receivedAt: number): MaintenanceWindow | undefined {
  if (event.stream !== 'alarm' || !STARTS_A_LIFE.has(event.transition)) return undefined;
  const at = Date.parse(event.occurredAt);
  if (Number.isNaN(at)) return undefined;
  const a = event.attributes ?? {};
  const place = { region: a.region, site: a.site, alarmedObject: a.alarmedObject };
  let found: MaintenanceWindow | undefined;
  for (const w of windows) {
    if (w.declaredAt > receivedAt || at < w.startsAt || at >= effectiveEnd(w) || !scopeCovers(w.scope, place)) continue;
    if (found === undefined || w.startsAt < found.startsAt || (w.startsAt === found.startsAt && w.id < found.id)) found = w;
  }
  return found;
}

/** Whether the event could fall in a window at all (so a batch without one needs no lookup). */
export function mayBePlanned(event: OpsEvent): boolean {
  return event.stream === 'alarm' && STARTS_A_LIFE.has(event.transition);
}

/** Why planned work paid nothing, in the words the answer and the ledger preview show. */
export const PLANNED_REASON = 'planned work: raised inside a maintenance window, so it pays nothing and starts no SLA clock';
