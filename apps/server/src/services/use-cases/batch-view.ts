import { effectiveTime, type EngineStore, type ItemEventRecord, type PersonProgress, type PersonRef, type SiteHistory, type WorkItem } from '@opsquest/core';
import type { BatchState} from '../ports/ingest-store';
import { emptyNeeds, hasNeeds, type BatchNeeds, type LoggedEvent, type PersonCard } from '../ports/ingest-store';

export function toPersonRef(p: PersonCard): PersonRef {
  return { id: p.id, username: p.username, teamId: p.teamId, ...(p.workDays ? { workDays: p.workDays } : {}) };
}

/**
 * The engine's store during one decision pass over a batch: what was loaded, overlaid with what the
 * batch has decided so far. It never calls the database. A read of something not loaded answers
 * "absent" and is noted as a miss: the pass is then thrown away, the misses loaded, and the batch
 * decided again (the engine is pure, so a second pass over more state is safe).
 */
export class BatchView implements EngineStore {
  private readonly misses: BatchNeeds = emptyNeeds();
  private readonly items = new Map<string, WorkItem>();
  private readonly progress = new Map<string, PersonProgress>();
  private readonly sites = new Map<string, SiteHistory>();
  /** events this batch logged, per item, in log order */
  private readonly logged = new Map<string, LoggedEvent[]>();
  /** parked events this pass applied (the loaded log itself is never changed: a pass may be thrown away) */
  private readonly appliedNow = new Set<string>();

  constructor(private readonly state: BatchState) {}

  get missed(): boolean {
    return hasNeeds(this.misses);
  }

  needs(): BatchNeeds {
    return this.misses;
  }

  getItem(itemKey: string): WorkItem | undefined {
    const mine = this.items.get(itemKey);
    if (mine) return mine;
    return this.read(this.state.items, itemKey, this.misses.items);
  }

  getPerson(username: string): PersonRef | undefined {
    const card = this.read(this.state.peopleByUsername, username, this.misses.usernames);
    return card ? toPersonRef(card) : undefined;
  }

  personById(id: string): PersonCard | undefined {
    for (const card of this.state.peopleByUsername.values()) if (card?.id === id) return card;
    return this.read(this.state.peopleById, id, this.misses.personIds);
  }

  /** the person an admin mapped this actor to, if any */
  aliasOf(actor: string): string | undefined {
    return this.read(this.state.aliases, actor, this.misses.aliases);
  }

  getProgress(personId: string): PersonProgress | undefined {
    const mine = this.progress.get(personId);
    if (mine) return mine;
    return this.read(this.state.progress, personId, this.misses.progress);
  }

  getSiteHistory(key: string): SiteHistory | undefined {
    const mine = this.sites.get(key);
    if (mine) return mine;
    return this.read(this.state.sites, key, this.misses.sites);
  }

  getItemEvents(itemKey: string): readonly ItemEventRecord[] {
    return this.loggedFor(itemKey)
      .filter((e) => e.applied)
      .map((e) => ({ eventKey: e.eventKey, event: e.event, at: effectiveTime(e.event, { receivedAt: e.receivedAt }) }));
  }

  /** the item's whole log: stored before the batch, then logged by it */
  loggedFor(itemKey: string): LoggedEvent[] {
    const stored = this.state.itemEvents.get(itemKey);
    if (stored === undefined && !this.misses.itemEvents.includes(itemKey)) this.misses.itemEvents.push(itemKey);
    const all = [...(stored ?? []), ...(this.logged.get(itemKey) ?? [])];
    return this.appliedNow.size === 0 ? all : all.map((e) => (this.appliedNow.has(e.eventKey) ? { ...e, applied: true, reason: null } : e));
  }

  /** a parked event applied by this pass */
  markApplied(eventKey: string): void {
    this.appliedNow.add(eventKey);
  }

  setItem(item: WorkItem): void {
    this.items.set(item.key, item);
  }

  setProgress(p: PersonProgress): void {
    this.progress.set(p.personId, p);
  }

  setSite(key: string, history: SiteHistory): void {
    this.sites.set(key, history);
  }

  log(itemKey: string, event: LoggedEvent): void {
    const list = this.logged.get(itemKey);
    if (list) list.push(event);
    else this.logged.set(itemKey, [event]);
  }

  private read<T>(loaded: ReadonlyMap<string, T | null>, key: string, miss: string[]): T | undefined {
    const value = loaded.get(key);
    if (value === undefined) {
      if (!miss.includes(key)) miss.push(key);
      return undefined;
    }
    return value ?? undefined;
  }
}
