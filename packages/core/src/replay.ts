import type { EngineConfig } from './config';
import { processEvent, type EngineOutput, type EngineStore } from './engine';
import { releaseHeldWork } from './gates/held-release';
import { STREAMS, type Stream } from './event';
import type { ItemEventRecord } from './gates/in-time-order';
import type { EventContext } from './gates/source-time';
import { dedupKeyOf, type OpsEvent } from './event';
import { emptyProgress } from './progress';
import type { LedgerEntry, PersonRef } from './ledger';
import type { SiteHistory } from './gates/repeat-visit';
import type { PersonProgress } from './progress';
import type { WorkItem } from './work-item';

/** An engine store held in memory: what replay and what-if previews run on. */
export class MemoryStore implements EngineStore {
  readonly items = new Map<string, WorkItem>();
  readonly people = new Map<string, PersonRef>();
  readonly progress = new Map<string, PersonProgress>();
  readonly ledger: LedgerEntry[] = [];
  readonly siteHistory = new Map<string, SiteHistory>();
  /** awards kept out of the ledger (caps, bursts held for review) */
  readonly withheld: EngineOutput['withheld'] = [];
  readonly seen = new Set<string>();
  /** parked events (a finish whose start was never seen) per item, applied when the start arrives */
  readonly parked = new Map<string, ParkedEvent[]>();
  /** each item's applied events, in the order they were applied (a late event is placed among them in time) */
  readonly itemEvents = new Map<string, ItemEventRecord[]>();

  constructor(people: readonly PersonRef[] = []) {
    for (const p of people) this.people.set(p.username, p);
  }

  getItem(itemKey: string): WorkItem | undefined {
    return this.items.get(itemKey);
  }

  getPerson(username: string): PersonRef | undefined {
    return this.people.get(username);
  }

  getProgress(personId: string): PersonProgress | undefined {
    return this.progress.get(personId);
  }

  getSiteHistory(key: string): SiteHistory | undefined {
    return this.siteHistory.get(key);
  }

  getItemEvents(itemKey: string): readonly ItemEventRecord[] {
    return this.itemEvents.get(itemKey) ?? [];
  }

  private remember(event: OpsEvent, output: EngineOutput): void {
    if (!output.applied) return;
    const record: ItemEventRecord = { eventKey: output.eventKey, event, at: output.at };
    const list = this.itemEvents.get(output.itemKey);
    if (list) list.push(record);
    else this.itemEvents.set(output.itemKey, [record]);
  }

  /** Applies an engine output, as the server does inside its transaction. */
  apply(output: EngineOutput): void {
    this.seen.add(output.eventKey);
    this.applyChanges(output);
  }

  /** apply, for an output whose event key is already marked seen. */
  private applyChanges(output: EngineOutput): void {
    if (!output.applied) return;
    if (output.item) this.items.set(output.itemKey, output.item);
    for (const p of output.progress) this.progress.set(p.personId, p);
    for (const e of output.ledger) this.ledger.push(e);
    for (const s of output.siteHistory) this.siteHistory.set(s.key, s.history);
    for (const w of output.withheld) this.withheld.push(w);
  }

  /**
   * Processes an event once: a duplicate (same dedup key) changes nothing. Returns null for duplicates.
   * A parked event is kept; when its item's start arrives, the parked events follow it in source-time order
   * (`unparked` on the returned output lists their outputs).
   */
  ingest(event: OpsEvent, config: EngineConfig, context?: EventContext): (EngineOutput & { unparked?: EngineOutput[] }) | null {
    const key = dedupKeyOf(event);
    // One lookup in a set of every key seen (millions in a replay): added first, taken out again if the engine throws.
    const seenBefore = this.seen.size;
    this.seen.add(key);
    if (this.seen.size === seenBefore) return null;
    let output: EngineOutput;
    try {
      output = processEvent(event, this, config, key, context);
    } catch (error) {
      this.seen.delete(key);
      throw error;
    }
    this.applyChanges(output);
    this.remember(event, output);
    if (output.parked) {
      const list = this.parked.get(output.itemKey) ?? [];
      list.push({ event, eventKey: key, ...(context ? { context } : {}) });
      this.parked.set(output.itemKey, list);
    } else if (output.applied && output.effects.includes('created')) {
      const waiting = this.parked.get(output.itemKey);
      if (waiting) {
        this.parked.delete(output.itemKey);
        const unparked: EngineOutput[] = [];
        for (const p of inSourceOrder(waiting)) {
          const next = processEvent(p.event, this, config, p.eventKey, p.context);
          this.apply(next);
          this.remember(p.event, next);
          unparked.push(next);
        }
        return { ...output, unparked };
      }
    }
    return output;
  }

  /**
   * A lead released a held award: its points land, and what its work would have moved (skill track,
   * badges and their bonus, the streak day) moves now, as the server's release applies it. Unknown or
   * already released awards change nothing.
   */
  release(entryId: string, at: number, config: EngineConfig): void {
    const index = this.withheld.findIndex((w) => w.reviewable && w.entry.entryId === entryId);
    const held = this.withheld[index];
    if (!held) return;
    this.withheld.splice(index, 1);
    const { entry } = held;
    const person = [...this.people.values()].find((p) => p.id === entry.personId);
    const prefix = entry.itemKey.slice(0, entry.itemKey.indexOf(':'));
    const stream = (STREAMS as readonly string[]).includes(prefix) ? (prefix as Stream) : undefined;
    const stored = this.progress.get(entry.personId) ?? emptyProgress(entry.personId);
    const released = releaseHeldWork(stored, { points: entry.points, stream, downstream: held.downstream, workDays: person?.workDays, at }, config);
    released.progress.xp += entry.points + released.badges.reduce((sum, b) => sum + b.bonusPoints, 0);
    this.progress.set(entry.personId, released.progress);
  }
}

/** An event kept until its item's start arrives. */
export interface ParkedEvent {
  event: OpsEvent;
  eventKey: string;
  context?: EventContext;
}

/** Parked events in the order they happened (stable for equal times: the order they arrived). */
export function inSourceOrder<T extends { event: Pick<OpsEvent, 'occurredAt'> }>(parked: readonly T[]): T[] {
  return parked
    .map((p, i) => ({ p, i, at: Date.parse(p.event.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.p);
}

/** Replays an event log, in log order, into a fresh store: the same events give the same ledger. */
export function replay(events: Iterable<OpsEvent>, people: readonly PersonRef[], config: EngineConfig): MemoryStore {
  const store = new MemoryStore(people);
  for (const event of events) store.ingest(event, config);
  return store;
}

export interface Standing {
  id: string;
  points: number;
}

/** Totals per person or team for one window period, straight from ledger entries (a reference for aggregates). */
export function totalsFromLedger(
  ledger: readonly LedgerEntry[],
  scope: 'individual' | 'team',
  window: 'day' | 'week' | 'month' | 'all',
  period: string,
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const e of ledger) {
    if (e.windows[window] !== period) continue;
    const id = scope === 'individual' ? e.personId : e.teamId;
    if (id === null) continue;
    totals.set(id, (totals.get(id) ?? 0) + e.points);
  }
  return totals;
}
