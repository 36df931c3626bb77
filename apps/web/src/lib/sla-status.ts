import type { SlaClockDto, WorkItemView } from '@opsquest/contracts';

export type SlaTone = 'ok' | 'risk' | 'breached' | 'paused' | 'done';

export interface SlaStatus {
  tone: SlaTone;
  clock: SlaClockDto;
  /** until due (negative once overdue) */
  remainingMs: number;
}

/** The clock that matters now: response until someone responded, then resolution. */
export function activeClock(sla: WorkItemView['sla']): SlaClockDto {
  return sla.response.stoppedAt === undefined ? sla.response : sla.resolution;
}

/**
 * The clock's state at `now`, ticking client-side from the server's snapshot. At risk once the
 * remaining time is below the at-risk share of the target (pauses before the snapshot are
 * already folded into dueAt by the server).
 */
export function slaStatus(clock: SlaClockDto, now: number): SlaStatus {
  const due = Date.parse(clock.dueAt);
  if (clock.stoppedAt !== undefined) {
    return { tone: clock.outcome === 'breached' ? 'breached' : 'done', clock, remainingMs: due - Date.parse(clock.stoppedAt) };
  }
  if (clock.paused) return { tone: clock.breached ? 'breached' : 'paused', clock, remainingMs: clock.breached ? -1 : 0 };
  const remainingMs = due - now;
  if (clock.breached || remainingMs < 0) return { tone: 'breached', clock, remainingMs };
  const span = due - Date.parse(clock.startedAt);
  const riskWindowMs = (span * (100 - clock.atRiskPct)) / 100;
  return { tone: clock.atRisk || remainingMs <= riskWindowMs ? 'risk' : 'ok', clock, remainingMs };
}
