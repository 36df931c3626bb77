import type { OpsEvent } from '../event';
import { resumeClock } from '../sla';
import type { WorkItem } from '../work-item';
import type { LifecycleResult } from './lifecycle.types';

/** SLA timer events flag a running clock; they never change the item's lifecycle state. */
export function applySlaEvent(current: WorkItem | undefined, event: OpsEvent, at: number): LifecycleResult {
  if (!current) return { ok: false, reason: 'unknown work item' };
  const target = event.attributes?.slaTarget;
  if (target !== 'response' && target !== 'resolution') return { ok: false, reason: 'slaTarget is required' };
  const clock = current.sla[target];
  if (clock.stoppedAt !== undefined) return { ok: false, reason: `${target} clock already stopped` };
  if (event.transition === 'slaAtRisk') {
    if (clock.atRiskFlagged) return { ok: false, reason: 'already at risk' };
    return { ok: true, item: { ...current, sla: { ...current.sla, [target]: { ...clock, atRiskFlagged: true } } }, effects: ['slaAtRisk'] };
  }
  if (clock.breachFlagged) return { ok: false, reason: 'already breached' };
  // A paused clock's due time moves on with the pause: compare with the due time as if resumed now.
  if (at < resumeClock(clock, at).dueAt) return { ok: false, reason: 'not yet due' };
  return {
    ok: true,
    item: { ...current, sla: { ...current.sla, [target]: { ...clock, atRiskFlagged: true, breachFlagged: true } } },
    effects: ['slaBreached'],
  };
}
