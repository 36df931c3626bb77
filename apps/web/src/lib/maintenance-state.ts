import { maintenanceStateOf, type MaintenanceState, type MaintenanceWindowView } from '@opsquest/contracts';

/**
 * A window's state at `now` by the browser's clock (the server's list is as of its answer, and time
 * moves on), by the same rule as the server's (core maintenance.ts); what the server already called
 * final (cancelled, ended) stays so whatever the clocks say.
 */
export function maintenanceStateAt(w: Pick<MaintenanceWindowView, 'startsAt' | 'endsAt' | 'cancelledAt' | 'state'>, now: number): MaintenanceState {
  if (w.state === 'cancelled' || w.state === 'ended') return w.state;
  return maintenanceStateOf({ startsAt: Date.parse(w.startsAt), endsAt: Date.parse(w.endsAt), ...(w.cancelledAt !== null ? { cancelledAt: Date.parse(w.cancelledAt) } : {}) }, now);
}

/** "sites A, B · region North · elements OLT-3": what a window touches, in one line. */
export function scopeText(scope: MaintenanceWindowView['scope']): string {
  const part = (one: string, many: string, list: readonly string[]): string | undefined => (list.length === 0 ? undefined : `${list.length === 1 ? one : many} ${list.join(', ')}`);
  return [part('site', 'sites', scope.sites), part('region', 'regions', scope.regions), part('element', 'elements', scope.elements)].filter((p) => p !== undefined).join(' · ');
}
