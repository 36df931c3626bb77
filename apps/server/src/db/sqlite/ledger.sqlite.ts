import type { LedgerEntry } from '@opsquest/core';
import type { Db } from '../database';
import { MultiRowInsert } from './multi-row';
import { awardFromColumns, awardParams, type RawAwardColumns } from '../award-columns';
import { type LedgerRow, type LedgerStore } from '../../services/ports/ledger-store';

interface RawLedger extends RawAwardColumns {
  reversal_of: string | null;
  day: string;
  week: string;
  month: string;
}

const COLUMNS = 'entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, reversal_of, day, week, month';

function toRow(r: RawLedger): LedgerRow {
  return {
    ...awardFromColumns(r),
    reversalOf: r.reversal_of,
    windows: { day: r.day, week: r.week, month: r.month, all: 'all' },
  };
}

/** The append-only points ledger. There is no update or delete here, by design. */
export class SqliteLedgerStore implements LedgerStore {
  private readonly insert;
  private readonly insertMany;
  private readonly forPerson;
  private readonly forEvent;
  private readonly page;
  private readonly totals;

  constructor(db: Db) {
    this.insertMany = new MultiRowInsert(db, 'INSERT INTO ledger (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, day, week, month, reversal_of)', 14);
    this.insert = db.prepare(
      `INSERT INTO ledger (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, day, week, month, reversal_of)
       VALUES (@entryId, @personId, @teamId, @points, @ruleId, @ruleVersion, @eventKey, @itemKey, @reason, @at, @day, @week, @month, @reversalOf)`,
    );
    this.forPerson = db.prepare<[string, number], RawLedger>(`SELECT ${COLUMNS} FROM ledger WHERE person_id = ? ORDER BY seq DESC LIMIT ?`);
    this.forEvent = db.prepare<[string], RawLedger>(`SELECT ${COLUMNS} FROM ledger WHERE event_key = ? ORDER BY seq`);
    this.page = db.prepare<[number, number], RawLedger & { seq: number }>(`SELECT seq, ${COLUMNS} FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?`);
    this.totals = db.prepare<[], { person_id: string; points: number }>('SELECT person_id, sum(points) AS points FROM ledger GROUP BY person_id');
  }

  /** Several entries with multi-row INSERTs (a batch's or a side award's). */
  async appendMany(entries: readonly LedgerEntry[]): Promise<void> {
    this.insertMany.run(
      entries.map((e) => [e.entryId, e.personId, e.teamId, e.points, e.ruleId, e.ruleVersion, e.eventKey, e.itemKey, e.reason, e.at, e.windows.day, e.windows.week, e.windows.month, e.reversalOf ?? null]),
    );
  }

  async append(e: LedgerEntry): Promise<void> {
    this.insert.run({
      ...awardParams(e),
      day: e.windows.day,
      week: e.windows.week,
      month: e.windows.month,
      reversalOf: e.reversalOf ?? null,
    });
  }

  async recentForPerson(personId: string, limit: number): Promise<LedgerRow[]> {
    return this.forPerson.all(personId, limit).map(toRow);
  }

  async forEventKey(eventKey: string): Promise<LedgerRow[]> {
    return this.forEvent.all(eventKey).map(toRow);
  }

  /** The whole ledger in append order, a page at a time. */
  async *pages(pageSize = 10_000): AsyncGenerator<LedgerRow[]> {
    let after = 0;
    for (;;) {
      const rows = this.page.all(after, pageSize);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.seq;
      yield rows.map(toRow);
    }
  }

  async totalsByPerson(): Promise<Map<string, number>> {
    return new Map(this.totals.all().map((r) => [r.person_id, r.points]));
  }
}
