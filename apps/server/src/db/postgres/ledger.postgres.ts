import type { LedgerEntry } from '@opsquest/core';
import { awardFromColumns, type RawAwardColumns } from '../award-columns';
import { type LedgerRow, type LedgerStore } from '../../services/ports/ledger-store';
import type { PgExecutor } from './executor.postgres';

interface RawLedger extends RawAwardColumns {
  reversal_of: string | null;
  day: string;
  week: string;
  month: string;
}

const COLUMNS = 'entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, reversal_of, day, week, month';
const INSERT = 'INSERT INTO ledger (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, day, week, month, reversal_of)';
const WIDTH = 14;
/** Rows per INSERT: 14 columns × 1,000 rows stays far below PostgreSQL's 65,535 bound parameters. */
const ROWS_PER_STATEMENT = 1000;

function toRow(r: RawLedger): LedgerRow {
  return {
    ...awardFromColumns(r),
    reversalOf: r.reversal_of,
    windows: { day: r.day, week: r.week, month: r.month, all: 'all' },
  };
}

function values(e: LedgerEntry): unknown[] {
  return [e.entryId, e.personId, e.teamId, e.points, e.ruleId, e.ruleVersion, e.eventKey, e.itemKey, e.reason, e.at, e.windows.day, e.windows.week, e.windows.month, e.reversalOf ?? null];
}

/** `($1, ..., $14), ($15, ..., $28), ...`: the VALUES of `rows` rows. */
function placeholders(rows: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 1; c <= WIDTH; c++) row.push(`$${r * WIDTH + c}`);
    out.push(`(${row.join(', ')})`);
  }
  return out.join(', ');
}

/** SQLite reads a negative LIMIT as no limit; PostgreSQL refuses one (LIMIT NULL is none). */
function limitOf(n: number): number | null {
  return n < 0 ? null : n;
}

/** PostgreSQL's append-only points ledger. There is no update or delete here, by design. */
export class PgLedgerStore implements LedgerStore {
  constructor(private readonly pg: PgExecutor) {}

  /** Several entries with multi-row INSERTs (a batch's or a side award's), in chunks. */
  async appendMany(entries: readonly LedgerEntry[]): Promise<void> {
    for (let at = 0; at < entries.length; at += ROWS_PER_STATEMENT) {
      const chunk = entries.slice(at, at + ROWS_PER_STATEMENT);
      await this.pg.run(`${INSERT} VALUES ${placeholders(chunk.length)}`, chunk.flatMap(values));
    }
  }

  async append(e: LedgerEntry): Promise<void> {
    await this.pg.run(`${INSERT} VALUES ${placeholders(1)}`, values(e));
  }

  async recentForPerson(personId: string, limit: number): Promise<LedgerRow[]> {
    return (await this.pg.rows<RawLedger>(`SELECT ${COLUMNS} FROM ledger WHERE person_id = $1 ORDER BY seq DESC LIMIT $2`, [personId, limitOf(limit)])).map(toRow);
  }

  async forEventKey(eventKey: string): Promise<LedgerRow[]> {
    return (await this.pg.rows<RawLedger>(`SELECT ${COLUMNS} FROM ledger WHERE event_key = $1 ORDER BY seq`, [eventKey])).map(toRow);
  }

  /** The whole ledger in append order, a page at a time; each page read when asked for. */
  async *pages(pageSize = 10_000): AsyncGenerator<LedgerRow[]> {
    let after = 0;
    for (;;) {
      const rows = await this.pg.rows<RawLedger & { seq: number }>(`SELECT seq, ${COLUMNS} FROM ledger WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, limitOf(pageSize)]);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.seq;
      yield rows.map(toRow);
    }
  }

  /** Each person's points (sum is numeric on PostgreSQL: cast back to BIGINT, read as a number), by person id as SQLite's GROUP BY gives them. */
  async totalsByPerson(): Promise<Map<string, number>> {
    const rows = await this.pg.rows<{ person_id: string; points: number }>('SELECT person_id, sum(points)::bigint AS points FROM ledger GROUP BY person_id ORDER BY person_id COLLATE "C"');
    return new Map(rows.map((r) => [r.person_id, r.points]));
  }
}
