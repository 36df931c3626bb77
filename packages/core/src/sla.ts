import type { Severity } from './severity';
import type { SlaTarget, Stream } from './event';
import { copyToExtend } from './compact';

/** Response and resolution targets in minutes. */
export interface SlaTargets {
  responseMinutes: number;
  resolutionMinutes: number;
}

/** Alarms by severity; orders and truck-rolls by priority "0".."4". */
export interface SlaTable {
  alarm: Record<Severity, SlaTargets>;
  order: Record<'0' | '1' | '2' | '3' | '4', SlaTargets>;
  truckroll: Record<'0' | '1' | '2' | '3' | '4', SlaTargets>;
}

export const DEFAULT_SLA_TABLE: SlaTable = {
  alarm: {
    critical: { responseMinutes: 15, resolutionMinutes: 240 },
    major: { responseMinutes: 30, resolutionMinutes: 480 },
    minor: { responseMinutes: 120, resolutionMinutes: 1440 },
    warning: { responseMinutes: 240, resolutionMinutes: 2880 },
    indeterminate: { responseMinutes: 480, resolutionMinutes: 4320 },
  },
  order: {
    '0': { responseMinutes: 60, resolutionMinutes: 480 },
    '1': { responseMinutes: 120, resolutionMinutes: 1440 },
    '2': { responseMinutes: 240, resolutionMinutes: 2880 },
    '3': { responseMinutes: 480, resolutionMinutes: 5760 },
    '4': { responseMinutes: 1440, resolutionMinutes: 10080 },
  },
  truckroll: {
    '0': { responseMinutes: 120, resolutionMinutes: 240 },
    '1': { responseMinutes: 240, resolutionMinutes: 480 },
    '2': { responseMinutes: 480, resolutionMinutes: 1440 },
    '3': { responseMinutes: 1440, resolutionMinutes: 2880 },
    '4': { responseMinutes: 2880, resolutionMinutes: 5760 },
  },
};

export function clampPriority(priority: number | undefined): '0' | '1' | '2' | '3' | '4' {
  const p = Math.min(4, Math.max(0, Math.round(priority ?? 2)));
  return String(p) as '0' | '1' | '2' | '3' | '4';
}

export function targetsFor(table: SlaTable, stream: Stream, severity: Severity | undefined, priority: number | undefined): SlaTargets {
  if (stream === 'alarm') return table.alarm[severity ?? 'warning'];
  return table[stream][clampPriority(priority)];
}

/** One SLA clock (response or resolution) as stored on a work item. Times are epoch ms. */
export interface SlaClockState {
  startedAt: number;
  dueAt: number;
  /** set when the clock stopped (responded / resolved / closed) */
  stoppedAt?: number;
  /** total paused time so far, and when the current pause began */
  pausedMs: number;
  pausedSince?: number;
  /** timer flags, raised by the SLA timer's events */
  atRiskFlagged: boolean;
  breachFlagged: boolean;
  /** outcome once stopped: met or breached; `cancelled` when the item was cancelled */
  outcome?: 'met' | 'breached' | 'cancelled';
}

export interface SlaClockView {
  target: SlaTarget;
  dueAt: number;
  /** elapsed share of the target in percent; can exceed 100 */
  elapsedPct: number;
  remainingMs: number;
  atRisk: boolean;
  breached: boolean;
  paused: boolean;
  outcome?: 'met' | 'breached' | 'cancelled';
}

export function newClock(startedAt: number, minutes: number): SlaClockState {
  return { startedAt, dueAt: startedAt + minutes * 60_000, pausedMs: 0, atRiskFlagged: false, breachFlagged: false };
}

/** The instant at which a running clock reaches the at-risk share of its target. */
export function atRiskAt(clock: SlaClockState, atRiskPct: number): number {
  const effectiveTarget = clock.dueAt - clock.startedAt - clock.pausedMs;
  return clock.startedAt + clock.pausedMs + Math.floor((effectiveTarget * atRiskPct) / 100);
}

function elapsedMs(clock: SlaClockState, now: number): number {
  const end = clock.stoppedAt ?? now;
  const paused = clock.pausedMs + (clock.pausedSince !== undefined && clock.stoppedAt === undefined ? now - clock.pausedSince : 0);
  return Math.max(0, end - clock.startedAt - paused);
}

/** Elapsed share of the target (0..1+, can exceed 1). */
export function elapsedFraction(clock: SlaClockState, now: number): number {
  const target = clock.dueAt - clock.startedAt - clock.pausedMs;
  if (target <= 0) return 1;
  return elapsedMs(clock, now) / target;
}

export function clockView(target: SlaTarget, clock: SlaClockState, now: number, atRiskPct: number): SlaClockView {
  const fraction = elapsedFraction(clock, now);
  const paused = clock.pausedSince !== undefined && clock.stoppedAt === undefined;
  const shift = paused ? now - (clock.pausedSince ?? now) : 0;
  const dueAt = clock.dueAt + shift;
  const end = clock.stoppedAt ?? now;
  const breached = clock.outcome === 'breached' || (clock.outcome === undefined && (clock.breachFlagged || end > dueAt));
  return {
    target,
    dueAt,
    elapsedPct: Math.round(fraction * 1000) / 10,
    remainingMs: dueAt - end,
    atRisk: !breached && clock.outcome === undefined && (clock.atRiskFlagged || fraction * 100 >= atRiskPct),
    breached,
    paused,
    ...(clock.outcome ? { outcome: clock.outcome } : {}),
  };
}

/** Stops a running clock at `at` and records whether the target was met. Idempotent. */
export function stopClock(clock: SlaClockState, at: number, cancelled = false): SlaClockState {
  if (clock.stoppedAt !== undefined) return clock;
  const resumed = resumeClock(clock, at);
  const outcome = cancelled ? 'cancelled' : at <= resumed.dueAt ? 'met' : 'breached';
  const stopped = copyToExtend(resumed);
  stopped.stoppedAt = at;
  stopped.outcome = outcome;
  stopped.breachFlagged = outcome === 'breached' || resumed.breachFlagged;
  return stopped;
}

export function pauseClock(clock: SlaClockState, at: number): SlaClockState {
  if (clock.stoppedAt !== undefined || clock.pausedSince !== undefined) return clock;
  const paused = copyToExtend(clock);
  paused.pausedSince = at;
  return paused;
}

/** Resuming moves the due time by the paused span: paused time does not count. */
export function resumeClock(clock: SlaClockState, at: number): SlaClockState {
  if (clock.pausedSince === undefined) return clock;
  const span = Math.max(0, at - clock.pausedSince);
  const { pausedSince: _ignored, ...rest } = clock;
  return { ...rest, pausedMs: clock.pausedMs + span, dueAt: clock.dueAt + span };
}
