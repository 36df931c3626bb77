import { SEVERITY_RANK, type SiteHistory, type WorkItem } from '@opsquest/core';
import type { FeedItem } from '@opsquest/contracts';
import { nextSlaCheck } from '../../services/ports/work-items-store';
import type { UnitOfWork } from '../../services/ports/unit-of-work';
import { BatchState, type BatchChanges, type BatchNeeds, type BatchStep, type IngestStore, type WrittenBatch } from '../../services/ports/ingest-store';
import type { Db } from '../database';
import { jsonList, MultiRowInsert } from './multi-row';
import { toCard, toLogged, type Indexed, type RawLogged, type RawPerson } from '../rows/ingest-rows';
import { streakFromColumns, type StreakColumns } from '../streak-columns';

/** More rounds than this means the decision keeps asking for new state: a bug, not a big batch. */
const MAX_ROUNDS = 8;
const IN_LIST = 'IN (SELECT value FROM json_each(?))';

/**
 * The ingest port on SQLite: loads with one statement per kind of key (`IN (json_each(?))`), writes
 * each table's rows of a batch with multi-row INSERTs (upserts for items, progress, streaks and
 * site histories: one row each per batch, in their last state). The whole load, decide, write loop
 * runs synchronously in one IMMEDIATE transaction, so the single writer sees no change between
 * what it loaded and what it commits.
 */
export class SqliteIngestStore implements IngestStore {
  private readonly load;
  private readonly write;
  private readonly ruleSetVersion;

  constructor(
    db: Db,
    private readonly uow: UnitOfWork,
    private readonly atRiskPct: number,
  ) {
    // Each load joins the asked keys (json_each: one parameter for any number of keys) and returns
    // the index of the key a row answers, so rows map back to keys exactly as asked (NOCASE columns,
    // and text SQLite reads back differently from how it was sent, such as a lone surrogate).
    const asked = (columns: string, from: string, on: string, tail = ''): string => `SELECT k.key AS i, ${columns} FROM json_each(?) k JOIN ${from} ON ${on} ${tail}`;
    const person = 'p.id, p.username, p.display_name, p.team_id, p.work_days';
    this.ruleSetVersion = db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM rule_sets');
    this.load = {
      events: db.prepare<[string], Indexed>(asked('1', 'events e', 'e.event_key = k.value')),
      items: db.prepare<[string], Indexed<{ state: string }>>(asked('w.state', 'work_items w', 'w.item_key = k.value')),
      usernames: db.prepare<[string], Indexed<RawPerson>>(asked(person, 'people p', 'p.username = k.value AND p.active = 1')),
      personIds: db.prepare<[string], Indexed<RawPerson>>(asked(person, 'people p', 'p.id = k.value')),
      progress: db.prepare<[string], Indexed<{ xp: number; counters: string } & StreakColumns>>(
        asked('p.xp, p.counters, s.current, s.best, s.last_active_day, s.freezes', 'progress p', 'p.person_id = k.value LEFT JOIN streaks s ON s.person_id = p.person_id'),
      ),
      badges: db.prepare<[string], Indexed<{ badge_id: string; earned_at: number }>>(asked('b.badge_id, b.earned_at', 'badges_earned b', 'b.person_id = k.value', 'ORDER BY k.key, b.badge_id')),
      sites: db.prepare<[string], Indexed<{ state: string }>>(asked('h.state', 'site_history h', 'h.key = k.value')),
      itemEvents: db.prepare<[string], Indexed<RawLogged>>(
        asked('e.event_key, e.payload, e.via, e.received_at, e.applied, e.reason', 'events e', 'e.item_key = k.value', 'ORDER BY e.seq'),
      ),
      aliases: db.prepare<[string], Indexed<{ person_id: string }>>(asked('a.person_id', 'actor_aliases a', 'a.actor = k.value')),
      itemIds: db.prepare<[string], Indexed<{ id: number }>>(asked('w.id', 'work_items w', 'w.item_key = k.value')),
    };
    this.write = {
      events: new MultiRowInsert(
        db,
        'INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)',
        14,
      ),
      markApplied: db.prepare<[string]>(`UPDATE events SET applied = 1, reason = NULL WHERE event_key ${IN_LIST}`),
      items: new MultiRowInsert(
        db,
        'INSERT INTO work_items (item_key, stream, status, open, severity_rank, priority, assignee, appointment_start, response_due_at, resolution_due_at, next_sla_check_at, opened_at, updated_at, state, incident_id)',
        15,
        `ON CONFLICT (item_key) DO UPDATE SET status = excluded.status, open = excluded.open, severity_rank = excluded.severity_rank,
           priority = excluded.priority, assignee = excluded.assignee, appointment_start = excluded.appointment_start,
           response_due_at = excluded.response_due_at, resolution_due_at = excluded.resolution_due_at,
           next_sla_check_at = excluded.next_sla_check_at, opened_at = excluded.opened_at, updated_at = excluded.updated_at, state = excluded.state,
           incident_id = excluded.incident_id`,
      ),
      ledger: new MultiRowInsert(
        db,
        'INSERT INTO ledger (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, day, week, month, reversal_of)',
        14,
      ),
      withheld: new MultiRowInsert(
        db,
        'INSERT OR IGNORE INTO withheld_awards (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, why, detail, status, downstream)',
        14,
      ),
      sites: new MultiRowInsert(db, 'INSERT INTO site_history (key, state)', 2, 'ON CONFLICT (key) DO UPDATE SET state = excluded.state'),
      progress: new MultiRowInsert(db, 'INSERT INTO progress (person_id, xp, counters)', 3, 'ON CONFLICT (person_id) DO UPDATE SET xp = excluded.xp, counters = excluded.counters'),
      streaks: new MultiRowInsert(
        db,
        'INSERT INTO streaks (person_id, current, best, last_active_day, freezes)',
        5,
        'ON CONFLICT (person_id) DO UPDATE SET current = excluded.current, best = excluded.best, last_active_day = excluded.last_active_day, freezes = excluded.freezes',
      ),
      badges: new MultiRowInsert(db, 'INSERT OR IGNORE INTO badges_earned (person_id, badge_id, earned_at, event_key)', 4),
      dropBadge: db.prepare<[string, string]>('DELETE FROM badges_earned WHERE person_id = ? AND badge_id = ?'),
      feed: new MultiRowInsert<{ seq: number }>(db, 'INSERT INTO feed (at, kind, text, person_id, team_id, points, other_person_id)', 7, 'RETURNING seq'),
    };
  }

  runBatch<T>(step: (state: BatchState) => BatchStep<T>): Promise<T> {
    // Once its turn in the queue comes, the loop loads, decides and writes in one go (no await);
    // only `finish`, the in-transaction stages, awaits, still inside the unit.
    return this.uow.run(() => this.loop(step));
  }

  private loop<T>(step: (state: BatchState) => BatchStep<T>): Promise<T> {
    const state = new BatchState();
    state.ruleSetVersion = this.ruleSetVersion.get()?.v ?? undefined;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const next = step(state);
      if ('need' in next) {
        this.loadInto(state, next.need);
        continue;
      }
      return next.finish(this.writeChanges(next.changes));
    }
    throw new Error(`an ingest batch still needed more state after ${MAX_ROUNDS} loads`);
  }

  private loadInto(state: BatchState, need: BatchNeeds): void {
    const { load } = this;
    fill(state.storedEvents, need.eventKeys, load.events, () => true, false);
    fill(state.items, need.items, load.items, (r) => JSON.parse(r.state) as WorkItem, null);
    fill(state.peopleByUsername, need.usernames, load.usernames, toCard, null);
    fill(state.peopleById, need.personIds, load.personIds, toCard, null);
    fill(state.sites, need.sites, load.sites, (r) => JSON.parse(r.state) as SiteHistory, null);
    fill(state.aliases, need.aliases, load.aliases, (r) => r.person_id, null);
    if (need.progress.length) this.loadProgress(state, need.progress);
    if (need.itemEvents.length) {
      for (const key of need.itemEvents) state.itemEvents.set(key, []);
      for (const r of load.itemEvents.all(jsonList(need.itemEvents))) {
        state.itemEvents.get(need.itemEvents[r.i] ?? '')?.push(toLogged(r));
      }
    }
  }

  private loadProgress(state: BatchState, ids: readonly string[]): void {
    const list = jsonList(ids);
    for (const id of ids) state.progress.set(id, null);
    for (const r of this.load.progress.all(list)) {
      const personId = ids[r.i] ?? '';
      const streak = streakFromColumns(r);
      state.progress.set(personId, { personId, xp: r.xp, counters: JSON.parse(r.counters) as Record<string, number>, streak, badges: {} });
    }
    for (const b of this.load.badges.all(list)) {
      const p = state.progress.get(ids[b.i] ?? '');
      if (p) p.badges[b.badge_id] = b.earned_at;
    }
  }

  private writeChanges(changes: BatchChanges): WrittenBatch {
    const { write } = this;
    write.events.run(
      changes.events.map((r) => [
        r.eventKey, r.itemKey, r.event.stream, r.event.source, r.event.externalKey, r.event.transition, r.occurredAt, r.receivedAt,
        r.event.actor ?? null, r.via, JSON.stringify(r.event), r.raw, r.applied ? 1 : 0, r.reason,
      ]),
    );
    if (changes.markApplied.length) write.markApplied.run(jsonList(changes.markApplied));
    const items = [...changes.items.keys()];
    write.items.run([...changes.items.values()].map((item) => this.itemRow(item, changes.updatedAt)));
    const itemIds = new Map<string, number>();
    for (const r of this.load.itemIds.all(jsonList(items))) itemIds.set(items[r.i] ?? '', r.id);
    write.ledger.run(
      changes.ledger.map((e) => [
        e.entryId, e.personId, e.teamId, e.points, e.ruleId, e.ruleVersion, e.eventKey, e.itemKey, e.reason, e.at, e.windows.day, e.windows.week, e.windows.month, e.reversalOf ?? null,
      ]),
    );
    write.withheld.run(
      changes.withheld.map(({ award: w, change }) => {
        const e = w.entry;
        const held = change ? { event: change.event, effects: change.effects, itemId: itemIds.get(change.itemKey) ?? 0, item: change.item } : undefined;
        const downstream = w.downstream ? { ...w.downstream, ...(held ? { change: held } : {}) } : undefined;
        return [e.entryId, e.personId, e.teamId, e.points, e.ruleId, e.ruleVersion, e.eventKey, e.itemKey, e.reason, e.at, w.why, w.detail, w.reviewable ? 'held' : 'final', downstream ? JSON.stringify(downstream) : null];
      }),
    );
    write.sites.run([...changes.sites].map(([key, history]) => [key, JSON.stringify(history)]));
    this.writeBadges(changes);
    const progress = [...changes.progress.values()];
    write.progress.run(progress.map((p) => [p.personId, p.xp, JSON.stringify(p.counters)]));
    write.streaks.run(progress.map((p) => [p.personId, p.streak.current, p.streak.best, p.streak.lastActiveDay ?? null, p.streak.freezes ?? 0]));
    const seqs = write.feed.run(changes.feed.map((f) => [f.at, f.kind, f.text, f.personId, f.teamId, f.points, null]), true).map((r) => r.seq).sort((a, b) => a - b);
    const feed: FeedItem[] = changes.feed.map((f, i) => ({
      id: String(seqs[i]),
      at: new Date(f.at).toISOString(),
      kind: f.kind,
      text: f.text,
      ...(f.personId ? { personId: f.personId } : {}),
      ...(f.personName ? { personName: f.personName } : {}),
      ...(f.teamId ? { teamId: f.teamId } : {}),
      ...(f.points !== null ? { points: f.points } : {}),
    }));
    return { itemIds, feed };
  }

  /** Badges earned in one statement; a batch that also took badges back applies each change in order. */
  private writeBadges(changes: BatchChanges): void {
    const { write } = this;
    if (!changes.badges.some((b) => b.kind === 'revoke')) {
      write.badges.run(changes.badges.flatMap((b) => (b.kind === 'earn' ? [[b.personId, b.badgeId, b.at, b.eventKey]] : [])));
      return;
    }
    for (const b of changes.badges) {
      if (b.kind === 'revoke') write.dropBadge.run(b.personId, b.badgeId);
      else write.badges.run([[b.personId, b.badgeId, b.at, b.eventKey]]);
    }
  }

  private itemRow(item: WorkItem, now: number): unknown[] {
    return [
      item.key, item.stream, item.status, item.open ? 1 : 0, item.severity ? SEVERITY_RANK[item.severity] : 9, item.priority ?? null, item.assignee ?? null,
      item.appointmentStart ?? null, item.sla.response.dueAt, item.sla.resolution.dueAt, nextSlaCheck(item, this.atRiskPct), item.openedAt, now, JSON.stringify(item), item.incidentId ?? null,
    ];
  }
}

/** A row answering the asked key at index `i`. */

/** Records every key asked for, as asked: the loaded value, or `absent` where the store had none. */
function fill<R, V, A>(target: Map<string, V | A>, keys: readonly string[], statement: { all(list: string): Indexed<R>[] }, value: (r: Indexed<R>) => V, absent: A): void {
  if (keys.length === 0) return;
  for (const key of keys) target.set(key, absent);
  for (const r of statement.all(jsonList(keys))) {
    const key = keys[r.i];
    if (key !== undefined) target.set(key, value(r));
  }
}
