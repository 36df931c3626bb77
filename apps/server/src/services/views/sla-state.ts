import { clockView, type WorkItem } from '@opsquest/core';

export type SlaState = 'ok' | 'atRisk' | 'breached';

/**
 * Where an open item's SLA stands now: its running clock (the response clock until it stops, then
 * the resolution clock) is breached, past its at-risk point, or fine. The wall and network health
 * count SLA risk with this one rule.
 */
export function slaStateOf(item: WorkItem, now: number, atRiskPct: number): SlaState {
  const running = item.sla.response.stoppedAt === undefined ? 'response' : 'resolution';
  const view = clockView(running, item.sla[running], now, atRiskPct);
  if (view.breached) return 'breached';
  return view.atRisk ? 'atRisk' : 'ok';
}
