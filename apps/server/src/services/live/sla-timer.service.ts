import { atRiskAt, type EngineConfig, type OpsEvent, type SlaTarget, type WorkItem } from '@opsquest/core';
import type { Logger } from '../../logger';
import type { Repositories } from '../ports/repositories';
import type { IngestService } from '../use-cases/ingest.service';
import { clearStrandedChildren } from '../use-cases/incident-clears';
import { INCIDENT_VIA } from '../use-cases/incident-stamps';

/** How often a pass also looks for incident children left open after their root's clear. */
const STRANDED_CHECK_MS = 30_000;

/**
 * SLA clocks move even when no event arrives. Every tick this finds items whose at-risk point or
 * due time has passed and feeds `slaAtRisk` / `slaBreached` events (timed at that instant, so they
 * are idempotent) through the normal ingest path. The due times live in SQLite, so a restart
 * picks up every breach that happened while the server was down. Every 30 s a pass also clears
 * incident children left open after their root cause's clear (incident-clears.ts, the backstop).
 */
export class SlaTimer {
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  /** a pass is under way: passes never overlap (one asked for meanwhile is skipped) */
  private running = false;
  /** the pass started by start(), which stop() waits for */
  private current: Promise<void> | undefined;
  /** when a pass last looked for stranded incident children */
  private strandedCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly repos: Repositories,
    private readonly ingest: IngestService,
    private readonly config: EngineConfig,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  static eventsFor(item: WorkItem, now: number, atRiskPct: number): OpsEvent[] {
    const events: OpsEvent[] = [];
    for (const target of ['response', 'resolution'] as SlaTarget[]) {
      const clock = item.sla[target];
      if (clock.stoppedAt !== undefined || clock.pausedSince !== undefined) continue;
      const base = { source: item.source, stream: item.stream, externalKey: item.externalKey, attributes: { slaTarget: target } };
      const riskAt = atRiskAt(clock, atRiskPct);
      if (!clock.atRiskFlagged && riskAt <= now) events.push({ ...base, transition: 'slaAtRisk', occurredAt: new Date(riskAt).toISOString() });
      if (!clock.breachFlagged && clock.dueAt <= now) events.push({ ...base, transition: 'slaBreached', occurredAt: new Date(clock.dueAt).toISOString() });
    }
    return events;
  }

  /** One pass; returns how many SLA events were stored (0 when skipped because a pass is already under way). */
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      // one node of a cluster at a time; a node that finds the pass taken skips this one
      return (await this.repos.jobs.exclusively('sla-timer', () => this.pass())) ?? 0;
    } finally {
      this.running = false;
    }
  }

  private async pass(): Promise<number> {
    const now = this.now();
    let stored = 0;
    for (let round = 0; round < 20; round += 1) {
      const due = await this.repos.workItems.dueForSlaCheck(now, 500);
      if (due.length === 0) break;
      const events = due.flatMap((r) => SlaTimer.eventsFor(r.item, now, this.config.atRiskPct));
      const outcomes = await this.ingest.ingest(events.map((event) => ({ event, via: 'sla-timer' })));
      stored += outcomes.filter((o) => o.status === 'stored').length;
      // An item still due after its events were applied (an event the engine refused) would spin: look again in a minute.
      for (const r of due) {
        const fresh = await this.repos.workItems.findById(r.id);
        if (fresh && SlaTimer.eventsFor(fresh.item, now, this.config.atRiskPct).length > 0) {
          this.log.warn({ item: fresh.item.key }, 'SLA events for this item were not applied; deferring');
          await this.repos.workItems.setNextSlaCheck(r.id, now + 60_000);
        }
      }
      if (due.length < 500 || this.stopped) break;
    }
    if (now - this.strandedCheckedAt >= STRANDED_CHECK_MS && !this.stopped) {
      this.strandedCheckedAt = now;
      const cleared = await clearStrandedChildren(this.repos.incidents, now, (clears) => this.ingest.ingest(clears.map((event) => ({ event, via: INCIDENT_VIA, futureTime: 'receiveTime' as const }))));
      if (cleared > 0) this.log.info({ cleared }, 'cleared incident alarms left open after their root cause');
    }
    return stored;
  }

  start(periodMs: number): void {
    const run = async (): Promise<void> => {
      try {
        await this.tick();
      } catch (err) {
        this.log.error({ err }, 'SLA timer pass failed');
      }
      if (!this.stopped) this.timer = setTimeout(() => void (this.current = run()), periodMs);
    };
    this.current = run();
  }

  /** No further pass; resolves once the pass under way (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }
}
