import { SEVERITY_RANK, type SiteHistory, type WorkItem } from '@opsquest/core';
import type { FeedItem } from '@opsquest/contracts';
import { BatchState, type BatchChanges, type BatchNeeds, type BatchStep, type IngestStore, type PersonCard, type WrittenBatch } from '../../services/ports/ingest-store';
import { nextSlaCheck } from '../../services/ports/work-items-store';
import type { PgExecutor } from './executor.postgres';
import type { PgUnitOfWork } from './unit-of-work.postgres';
import { ADVISORY } from './advisory-locks';
import { int2Array, int4Array, int8Array, textArray } from './binary-arrays';
import { toCard, toLogged, type Indexed, type RawLogged, type RawPerson } from '../rows/ingest-rows';
import { streakFromColumns, type StreakColumns } from '../streak-columns';

/** More rounds than this means the decision keeps asking for new state: a bug, not a big batch. */
const MAX_ROUNDS = 8;
/** A batch that lost a race (deadlock, serialization failure, an event another node stored meanwhile) is decided again from scratch, this many times in all. */
const MAX_ATTEMPTS = 5;
/** PostgreSQL's deadlock_detected and serialization_failure: the transaction was rolled back and may simply be run again. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set(['40P01', '40001']);

/**
 * The asked keys, each with its 1-based position: rows answer `i`, so they map back to keys exactly as asked.
 * Lookups in the event log go per key (`LATERAL`, one with `LIMIT`): a join or `EXISTS` lets the planner hash the whole log
 * while it is small, which cost 18 ms a round at 20,000 events, where the index answers in well under one.
 */
const ASKED = 'unnest($1::text[]) WITH ORDINALITY AS k(value, i)';

/**
 * Transaction-scoped advisory locks on every key, all in one statement and in one global order (by
 * hash), so two nodes that want overlapping keys in the same round queue instead of deadlocking.
 * The volatile lock call runs after the sort (PostgreSQL evaluates volatile target-list functions
 * above the Sort node).
 */
const LOCK_KEYS = 'SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(x, 0) AS h FROM unnest($1::text[]) AS x) AS s ORDER BY h';

interface RawProgress extends StreakColumns {
  i: number;
  xp: number;
  counters: string;
}

/** An event the batch was about to write is in the log already: another node stored it after this batch looked. */
class LostEventRace extends Error {
  constructor() {
    super('an event of this ingest batch was stored by another writer meanwhile');
  }
}

/** Whether an error (or one it was caused by) means "run the whole batch again". */
function isRetryable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    if (e instanceof LostEventRace) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
  }
  return false;
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * 10 * 2 ** attempt;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Keys compared by UTF-16 code units, the same on every node: multi-row upserts lock their rows in this order. */
function byKey<T>(entries: Iterable<[string, T]>): [string, T][] {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The ingest port on PostgreSQL, for several nodes on one database. A batch is one transaction: each
 * load round first takes transaction-scoped advisory locks on every key it will read and then write
 * (items and their logs, people's progress, site histories), in one statement and one global order,
 * then loads each kind of key with one set-based query (`unnest($1::text[])`). Nothing another node
 * writes for those keys can slip in between this batch's load and its commit, so no award is paid
 * twice and no update is lost. Writes are one multi-row statement per table (`unnest` of column
 * arrays), upserts in key order. Locks taken in a later round can still meet another node's in a
 * deadlock; PostgreSQL then aborts one transaction, and that batch is decided again from a fresh
 * state (the step is pure), a few times with a jittered backoff. Events are inserted with
 * `ON CONFLICT DO NOTHING`: one that another node stored after this batch looked (same event key
 * under another item) sends the batch round again too, where it is then seen as a duplicate.
 */
export class PgIngestStore implements IngestStore {
  constructor(
    private readonly pg: PgExecutor,
    private readonly uow: PgUnitOfWork,
    private readonly atRiskPct: number,
  ) {}

  async runBatch<T>(step: (state: BatchState) => BatchStep<T>): Promise<T> {
    // Inside a caller's unit the batch is a savepoint of it: a lost race is the caller's to retry.
    if (this.pg.units.getStore()) return this.uow.run(() => this.loop(step));
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.uow.run(() => this.loop(step));
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        await backoff(attempt);
      }
    }
  }

  private async loop<T>(step: (state: BatchState) => BatchStep<T>): Promise<T> {
    const state = new BatchState();
    // shared: batches run side by side; a publish (exclusive) waits for them and keeps new ones out.
    // The version is read by a statement of its own, after the lock: a statement sees the data
    // committed when it started, so one that waited for a publish inside would miss it.
    await this.pg.run('SELECT pg_advisory_xact_lock_shared($1)', [ADVISORY.ruleSets]);
    const rules = await this.pg.one<{ v: number | null }>('SELECT max(version) AS v FROM rule_sets');
    state.ruleSetVersion = rules?.v ?? undefined;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const next = step(state);
      if ('need' in next) {
        await this.lock(next.need);
        await this.loadInto(state, next.need);
        continue;
      }
      return next.finish(await this.writeChanges(state, next.changes));
    }
    throw new Error(`an ingest batch still needed more state after ${MAX_ROUNDS} loads`);
  }

  /** The keys this round reads and the batch may then write, locked until the commit. */
  private async lock(need: BatchNeeds): Promise<void> {
    const keys = [
      ...need.items.map((k) => `item:${k}`),
      ...need.itemEvents.map((k) => `item:${k}`),
      ...need.progress.map((k) => `person:${k}`),
      ...need.sites.map((k) => `site:${k}`),
    ];
    if (keys.length > 0) await this.pg.run(LOCK_KEYS, [textArray(keys)]);
  }

  private async loadInto(state: BatchState, need: BatchNeeds): Promise<void> {
    const person = 'p.id, p.username, p.display_name, p.team_id, p.work_days';
    await this.fill(state.storedEvents, need.eventKeys, `SELECT k.i::int AS i FROM ${ASKED} CROSS JOIN LATERAL (SELECT 1 FROM events e WHERE e.event_key = k.value LIMIT 1) AS e`, () => true, false);
    await this.fill<{ state: string }, WorkItem, null>(
      state.items,
      need.items,
      `SELECT k.i::int AS i, w.state FROM ${ASKED} JOIN work_items w ON w.item_key = k.value`,
      (r) => JSON.parse(r.state) as WorkItem,
      null,
    );
    // people.username and actor_aliases.actor are case-insensitive (SQLite's NOCASE): unique on lower(...)
    await this.fill<RawPerson, PersonCard, null>(
      state.peopleByUsername,
      need.usernames,
      `SELECT k.i::int AS i, ${person} FROM ${ASKED} JOIN people p ON lower(p.username) = lower(k.value) AND p.active = 1`,
      toCard,
      null,
    );
    await this.fill<RawPerson, PersonCard, null>(state.peopleById, need.personIds, `SELECT k.i::int AS i, ${person} FROM ${ASKED} JOIN people p ON p.id = k.value`, toCard, null);
    await this.fill<{ state: string }, SiteHistory, null>(
      state.sites,
      need.sites,
      `SELECT k.i::int AS i, h.state FROM ${ASKED} JOIN site_history h ON h.key = k.value`,
      (r) => JSON.parse(r.state) as SiteHistory,
      null,
    );
    await this.fill<{ person_id: string }, string, null>(
      state.aliases,
      need.aliases,
      `SELECT k.i::int AS i, a.person_id FROM ${ASKED} JOIN actor_aliases a ON lower(a.actor) = lower(k.value)`,
      (r) => r.person_id,
      null,
    );
    if (need.progress.length) await this.loadProgress(state, need.progress);
    if (need.itemEvents.length) {
      for (const key of need.itemEvents) state.itemEvents.set(key, []);
      const rows = await this.pg.rows<Indexed<RawLogged>>(
        `SELECT k.i::int AS i, e.event_key, e.payload, e.via, e.received_at, e.applied, e.reason FROM ${ASKED} CROSS JOIN LATERAL (SELECT * FROM events x WHERE x.item_key = k.value ORDER BY x.seq) AS e ORDER BY k.i, e.seq`,
        [textArray(need.itemEvents)],
      );
      for (const r of rows) {
        state.itemEvents.get(need.itemEvents[r.i - 1] ?? '')?.push(toLogged(r));
      }
    }
  }

  private async loadProgress(state: BatchState, ids: readonly string[]): Promise<void> {
    for (const id of ids) state.progress.set(id, null);
    const rows = await this.pg.rows<RawProgress>(
      `SELECT k.i::int AS i, p.xp, p.counters, s.current, s.best, s.last_active_day, s.freezes FROM ${ASKED} JOIN progress p ON p.person_id = k.value LEFT JOIN streaks s ON s.person_id = p.person_id`,
      [textArray(ids)],
    );
    for (const r of rows) {
      const personId = ids[r.i - 1] ?? '';
      const streak = streakFromColumns(r);
      state.progress.set(personId, { personId, xp: r.xp, counters: JSON.parse(r.counters) as Record<string, number>, streak, badges: {} });
    }
    const badges = await this.pg.rows<Indexed<{ badge_id: string; earned_at: number }>>(
      `SELECT k.i::int AS i, b.badge_id, b.earned_at FROM ${ASKED} JOIN badges_earned b ON b.person_id = k.value ORDER BY k.i, b.badge_id COLLATE "C"`,
      [textArray(ids)],
    );
    for (const b of badges) {
      const p = state.progress.get(ids[b.i - 1] ?? '');
      if (p) p.badges[b.badge_id] = b.earned_at;
    }
  }

  /** Records every key asked for, as asked: the loaded value, or `absent` where the store had none. */
  private async fill<R, V, A>(target: Map<string, V | A>, keys: readonly string[], sql: string, value: (r: Indexed<R>) => V, absent: A): Promise<void> {
    if (keys.length === 0) return;
    for (const key of keys) target.set(key, absent);
    for (const r of await this.pg.rows<Indexed<R>>(sql, [textArray(keys)])) {
      const key = keys[r.i - 1];
      if (key !== undefined) target.set(key, value(r));
    }
  }

  private async writeChanges(state: BatchState, changes: BatchChanges): Promise<WrittenBatch> {
    await this.writeEvents(state, changes);
    if (changes.markApplied.length) await this.pg.run('UPDATE events SET applied = 1, reason = NULL WHERE event_key = ANY($1::text[])', [textArray(changes.markApplied)]);
    const itemIds = await this.writeItems(changes);
    if (changes.ledger.length) {
      const l = changes.ledger;
      await this.pg.run(
        `INSERT INTO ledger (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, day, week, month, reversal_of)
         SELECT entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, day, week, month, reversal_of
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[], $12::text[], $13::text[], $14::text[])
           WITH ORDINALITY AS r(entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, day, week, month, reversal_of, n)
         ORDER BY n`,
        [
          textArray(l.map((e) => e.entryId)), textArray(l.map((e) => e.personId)), textArray(l.map((e) => e.teamId)), int8Array(l.map((e) => e.points)),
          textArray(l.map((e) => e.ruleId)), int4Array(l.map((e) => e.ruleVersion)), textArray(l.map((e) => e.eventKey)), textArray(l.map((e) => e.itemKey)),
          textArray(l.map((e) => e.reason)), int8Array(l.map((e) => e.at)), textArray(l.map((e) => e.windows.day)), textArray(l.map((e) => e.windows.week)),
          textArray(l.map((e) => e.windows.month)), textArray(l.map((e) => e.reversalOf ?? null)),
        ],
      );
    }
    await this.writeWithheld(changes, itemIds);
    if (changes.sites.size) {
      const sites = byKey(changes.sites);
      await this.pg.run(
        `INSERT INTO site_history (key, state) SELECT key, state FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS r(key, state, n) ORDER BY n
         ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state`,
        [textArray(sites.map(([key]) => key)), textArray(sites.map(([, history]) => JSON.stringify(history)))],
      );
    }
    await this.writeBadges(changes);
    if (changes.progress.size) {
      const progress = byKey(changes.progress).map(([, p]) => p);
      const ids = progress.map((p) => p.personId);
      await this.pg.run(
        `INSERT INTO progress (person_id, xp, counters) SELECT person_id, xp, counters FROM unnest($1::text[], $2::bigint[], $3::text[]) WITH ORDINALITY AS r(person_id, xp, counters, n) ORDER BY n
         ON CONFLICT (person_id) DO UPDATE SET xp = EXCLUDED.xp, counters = EXCLUDED.counters`,
        [textArray(ids), int8Array(progress.map((p) => p.xp)), textArray(progress.map((p) => JSON.stringify(p.counters)))],
      );
      await this.pg.run(
        `INSERT INTO streaks (person_id, current, best, last_active_day, freezes)
         SELECT person_id, current, best, last_active_day, freezes FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[]) WITH ORDINALITY AS r(person_id, current, best, last_active_day, freezes, n) ORDER BY n
         ON CONFLICT (person_id) DO UPDATE SET current = EXCLUDED.current, best = EXCLUDED.best, last_active_day = EXCLUDED.last_active_day, freezes = EXCLUDED.freezes`,
        [
          textArray(ids), int4Array(progress.map((p) => p.streak.current)), int4Array(progress.map((p) => p.streak.best)),
          textArray(progress.map((p) => p.streak.lastActiveDay ?? null)), int4Array(progress.map((p) => p.streak.freezes ?? 0)),
        ],
      );
    }
    return { itemIds, feed: await this.writeFeed(changes) };
  }

  /**
   * The batch's log lines, in decision order (their seq is the log order). A key already in the log
   * is not written twice: if the batch saw it stored, writing it again is the step's bug (an error,
   * as SQLite's unique index raises); otherwise another writer stored it after this batch looked, and
   * the batch runs again, where it will count as a duplicate.
   */
  private async writeEvents(state: BatchState, changes: BatchChanges): Promise<void> {
    const ev = changes.events;
    if (ev.length === 0) return;
    const inserted = await this.pg.run(
      `INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
       SELECT event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::text[], $13::smallint[], $14::text[])
         WITH ORDINALITY AS r(event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason, n)
       ORDER BY n
       ON CONFLICT (event_key) DO NOTHING`,
      [
        textArray(ev.map((r) => r.eventKey)), textArray(ev.map((r) => r.itemKey)), textArray(ev.map((r) => r.event.stream)), textArray(ev.map((r) => r.event.source)),
        textArray(ev.map((r) => r.event.externalKey)), textArray(ev.map((r) => r.event.transition)), int8Array(ev.map((r) => r.occurredAt)), int8Array(ev.map((r) => r.receivedAt)),
        textArray(ev.map((r) => r.event.actor ?? null)), textArray(ev.map((r) => r.via)), textArray(ev.map((r) => JSON.stringify(r.event))), textArray(ev.map((r) => r.raw)),
        int2Array(ev.map((r) => (r.applied ? 1 : 0))), textArray(ev.map((r) => r.reason)),
      ],
    );
    if (inserted === ev.length) return;
    const known = ev.find((r) => state.storedEvents.get(r.eventKey) === true);
    if (known) throw new Error(`an ingest batch wrote event ${known.eventKey} again: it is already in the log`);
    // UTF-8 has no lone UTF-16 surrogates: PostgreSQL receives U+FFFD for one, so keys that differ only there are one key (SQLite keeps them apart)
    const sent = new Set(ev.map((r) => Buffer.from(r.eventKey, 'utf8').toString('utf8')));
    if (sent.size < ev.length) throw new Error('an ingest batch holds event keys that differ only in characters PostgreSQL cannot store (lone UTF-16 surrogates)');
    throw new LostEventRace();
  }

  /**
   * Items upserted in the order the batch first touched them (new items get their ids in that order,
   * as on SQLite), not in key order: their rows need no common lock order, as every item a batch
   * writes was loaded, so its advisory lock is held. Hands back each item's id.
   */
  private async writeItems(changes: BatchChanges): Promise<Map<string, number>> {
    const itemIds = new Map<string, number>();
    if (changes.items.size === 0) return itemIds;
    const items = [...changes.items.values()];
    const now = changes.updatedAt;
    const rows = await this.pg.rows<{ item_key: string; id: number }>(
      `INSERT INTO work_items (item_key, stream, status, open, severity_rank, priority, assignee, appointment_start, response_due_at, resolution_due_at, next_sla_check_at, opened_at, updated_at, state, incident_id)
       SELECT item_key, stream, status, open, severity_rank, priority, assignee, appointment_start, response_due_at, resolution_due_at, next_sla_check_at, opened_at, updated_at, state, incident_id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::int[], $6::int[], $7::text[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::text[], $15::text[])
         WITH ORDINALITY AS r(item_key, stream, status, open, severity_rank, priority, assignee, appointment_start, response_due_at, resolution_due_at, next_sla_check_at, opened_at, updated_at, state, incident_id, n)
       ORDER BY n
       ON CONFLICT (item_key) DO UPDATE SET status = EXCLUDED.status, open = EXCLUDED.open, severity_rank = EXCLUDED.severity_rank,
         priority = EXCLUDED.priority, assignee = EXCLUDED.assignee, appointment_start = EXCLUDED.appointment_start,
         response_due_at = EXCLUDED.response_due_at, resolution_due_at = EXCLUDED.resolution_due_at,
         next_sla_check_at = EXCLUDED.next_sla_check_at, opened_at = EXCLUDED.opened_at, updated_at = EXCLUDED.updated_at, state = EXCLUDED.state,
         incident_id = EXCLUDED.incident_id
       RETURNING item_key, id`,
      [
        textArray(items.map((i) => i.key)), textArray(items.map((i) => i.stream)), textArray(items.map((i) => i.status)), int2Array(items.map((i) => (i.open ? 1 : 0))),
        int4Array(items.map((i) => (i.severity ? SEVERITY_RANK[i.severity] : 9))), int4Array(items.map((i) => i.priority ?? null)), textArray(items.map((i) => i.assignee ?? null)),
        int8Array(items.map((i) => i.appointmentStart ?? null)), int8Array(items.map((i) => i.sla.response.dueAt)), int8Array(items.map((i) => i.sla.resolution.dueAt)),
        int8Array(items.map((i) => nextSlaCheck(i, this.atRiskPct))), int8Array(items.map((i) => i.openedAt)), int8Array(items.map(() => now)),
        textArray(items.map((i) => JSON.stringify(i))), textArray(items.map((i) => i.incidentId ?? null)),
      ],
    );
    const byStoredKey = new Map(rows.map((r) => [r.item_key, r.id]));
    for (const key of changes.items.keys()) {
      const id = byStoredKey.get(key);
      if (id !== undefined) itemIds.set(key, id);
    }
    return itemIds;
  }

  private async writeWithheld(changes: BatchChanges, itemIds: ReadonlyMap<string, number>): Promise<void> {
    if (changes.withheld.length === 0) return;
    const rows = changes.withheld.map(({ award: w, change }) => {
      const held = change ? { event: change.event, effects: change.effects, itemId: itemIds.get(change.itemKey) ?? 0, item: change.item } : undefined;
      const downstream = w.downstream ? { ...w.downstream, ...(held ? { change: held } : {}) } : undefined;
      return { e: w.entry, why: w.why, detail: w.detail, status: w.reviewable ? 'held' : 'final', downstream: downstream ? JSON.stringify(downstream) : null };
    });
    await this.pg.run(
      `INSERT INTO withheld_awards (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, why, detail, status, downstream)
       SELECT entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, why, detail, status, downstream
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[], $12::text[], $13::text[], $14::text[])
         WITH ORDINALITY AS r(entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, why, detail, status, downstream, n)
       ORDER BY n
       ON CONFLICT DO NOTHING`,
      [
        textArray(rows.map((r) => r.e.entryId)), textArray(rows.map((r) => r.e.personId)), textArray(rows.map((r) => r.e.teamId)), int8Array(rows.map((r) => r.e.points)),
        textArray(rows.map((r) => r.e.ruleId)), int4Array(rows.map((r) => r.e.ruleVersion)), textArray(rows.map((r) => r.e.eventKey)), textArray(rows.map((r) => r.e.itemKey)),
        textArray(rows.map((r) => r.e.reason)), int8Array(rows.map((r) => r.e.at)), textArray(rows.map((r) => r.why)), textArray(rows.map((r) => r.detail)),
        textArray(rows.map((r) => r.status)), textArray(rows.map((r) => r.downstream)),
      ],
    );
  }

  /** Badges earned in one statement; a batch that also took badges back applies each change in order. */
  private async writeBadges(changes: BatchChanges): Promise<void> {
    const earn = (rows: { personId: string; badgeId: string; at: number; eventKey: string }[]): Promise<number> =>
      this.pg.run(
        `INSERT INTO badges_earned (person_id, badge_id, earned_at, event_key)
         SELECT person_id, badge_id, earned_at, event_key FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) WITH ORDINALITY AS r(person_id, badge_id, earned_at, event_key, n) ORDER BY n
         ON CONFLICT DO NOTHING`,
        [textArray(rows.map((b) => b.personId)), textArray(rows.map((b) => b.badgeId)), int8Array(rows.map((b) => b.at)), textArray(rows.map((b) => b.eventKey))],
      );
    if (!changes.badges.some((b) => b.kind === 'revoke')) {
      const earned = changes.badges.flatMap((b) => (b.kind === 'earn' ? [b] : []));
      if (earned.length) await earn(earned);
      return;
    }
    for (const b of changes.badges) {
      if (b.kind === 'revoke') await this.pg.run('DELETE FROM badges_earned WHERE person_id = $1 AND badge_id = $2', [b.personId, b.badgeId]);
      else await earn([b]);
    }
  }

  /** The batch's feed lines in order; their store ids ascend in that order. */
  private async writeFeed(changes: BatchChanges): Promise<FeedItem[]> {
    const f = changes.feed;
    if (f.length === 0) return [];
    const rows = await this.pg.rows<{ seq: number }>(
      `INSERT INTO feed (at, kind, text, person_id, team_id, points, other_person_id)
       SELECT at, kind, text, person_id, team_id, points, NULL FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) WITH ORDINALITY AS r(at, kind, text, person_id, team_id, points, n)
       ORDER BY n
       RETURNING seq`,
      [
        int8Array(f.map((l) => l.at)), textArray(f.map((l) => l.kind)), textArray(f.map((l) => l.text)), textArray(f.map((l) => l.personId)),
        textArray(f.map((l) => l.teamId)), int8Array(f.map((l) => l.points)),
      ],
    );
    const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
    return f.map((line, i) => ({
      id: String(seqs[i]),
      at: new Date(line.at).toISOString(),
      kind: line.kind,
      text: line.text,
      ...(line.personId ? { personId: line.personId } : {}),
      ...(line.personName ? { personName: line.personName } : {}),
      ...(line.teamId ? { teamId: line.teamId } : {}),
      ...(line.points !== null ? { points: line.points } : {}),
    }));
  }
}
