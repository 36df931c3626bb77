import type { Transaction } from 'better-sqlite3';
import type { Db } from '../database';
import type { AlarmIncidentState, IncidentChild, IncidentClaim, IncidentClaimRequest, IncidentRound, IncidentRoundResult, IncidentSize, IncidentStore, StrandedChild } from '../../services/ports/incident-store';
import { childrenOf, claimSql, namedParams, rootFirst, SQLITE_ALARM_STATE, SQLITE_DIALECT, strandedSql, toAlarmState, toStranded, type RawAlarmState, type RawStranded } from '../rows/incident-rows';

/** SQLite's IncidentStore (one writer: the claim's upsert is atomic as on PostgreSQL). */
export class SqliteIncidentStore implements IncidentStore {
  private readonly states;
  private readonly claimOne;
  private readonly sizes;
  private readonly closeOne;
  private readonly repointOne;
  private readonly members;
  private readonly children;
  private readonly stranded;
  private readonly roundNow: Transaction<(itemKeys: readonly string[], plan: (states: ReadonlyMap<string, AlarmIncidentState>) => IncidentRound) => IncidentRoundResult>;

  constructor(db: Db) {
    // CROSS JOIN keeps the asked keys the outer loop (each a probe of the item_key index): with a plain
    // JOIN the planner may walk every alarm through work_items_opened (stream, opened_at) instead
    this.states = db.prepare<[string], RawAlarmState>(`SELECT ${SQLITE_ALARM_STATE} FROM json_each(?) k CROSS JOIN work_items w ON w.item_key = k.value WHERE w.stream = 'alarm'`);
    this.claimOne = db.prepare<[Record<string, unknown>], { incident_id: string; root_key: string }>(claimSql(SQLITE_DIALECT, 'VALUES (@p1, @p2, @p3, @p4, @p5, 0)', '@p6'));
    this.sizes = db.prepare<[string], { incident_id: string; n: number; alarms: number }>(
      "SELECT w.incident_id, sum(max(0, coalesce(json_extract(w.state, '$.customersAffected'), 0))) AS n, count(*) AS alarms FROM json_each(?) k CROSS JOIN work_items w ON w.incident_id = k.value GROUP BY w.incident_id",
    );
    this.closeOne = db.prepare<[string]>('UPDATE incident_claims SET closed = 1 WHERE incident_id IN (SELECT value FROM json_each(?))');
    this.repointOne = db.prepare<[string, string, string]>('UPDATE incident_claims SET incident_id = ?, root_key = ? WHERE incident_id = ?');
    this.members = db.prepare<[string], RawAlarmState>(`SELECT ${SQLITE_ALARM_STATE} FROM work_items w WHERE w.incident_id = ? AND w.open = 1`);
    this.stranded = db.prepare<[number, number], RawStranded>(
      strandedSql((row, name) => `json_extract(${row}.state, '$.${name}')`, (row) => `coalesce(json_extract(${row}.state, '$.incidentRoot'), 0) = 1`, '?', '?', 'INDEXED BY work_items_open_incident'),
    );
    this.children = db.prepare<[string], RawAlarmState>(`SELECT ${SQLITE_ALARM_STATE} FROM json_each(?) k CROSS JOIN work_items w ON w.incident_id = k.value AND w.open = 1`);
    // a savepoint when a transaction is open on the connection already
    this.roundNow = db.transaction((itemKeys: readonly string[], plan: (states: ReadonlyMap<string, AlarmIncidentState>) => IncidentRound): IncidentRoundResult => {
      const asked = plan(this.statesNow(itemKeys));
      return { claims: this.claimNow(asked.claims), sizes: this.closingNow(asked.closing) };
    });
  }

  async alarmStates(itemKeys: readonly string[]): Promise<Map<string, AlarmIncidentState>> {
    return this.statesNow(itemKeys);
  }

  async claim(requests: readonly IncidentClaimRequest[]): Promise<IncidentClaim[]> {
    return this.claimNow(requests);
  }

  async closing(incidentIds: readonly string[]): Promise<Map<string, IncidentSize>> {
    return this.closingNow(incidentIds);
  }

  /**
   * Without an await: the round's reads and writes run in one turn, so nothing else runs between them;
   * and in one transaction, so a batch's claims and closings are one commit, not one per statement.
   */
  async round(itemKeys: readonly string[], plan: (states: ReadonlyMap<string, AlarmIncidentState>) => IncidentRound): Promise<IncidentRoundResult> {
    // IMMEDIATE, as every writer here takes the write lock up front (see unit-of-work.sqlite.ts)
    return this.roundNow.immediate(itemKeys, plan);
  }

  private statesNow(itemKeys: readonly string[]): Map<string, AlarmIncidentState> {
    if (itemKeys.length === 0) return new Map();
    return new Map(this.states.all(JSON.stringify(itemKeys)).map((r) => [r.item_key, toAlarmState(r)]));
  }

  private claimNow(requests: readonly IncidentClaimRequest[]): IncidentClaim[] {
    return requests.map((r) => {
      const row = this.claimOne.get(namedParams([r.place, r.incidentId, r.rootKey, r.firstAt, r.lastAt, r.windowMs]));
      if (!row) throw new Error(`claiming place ${r.place} returned nothing`);
      return { incidentId: row.incident_id, rootKey: row.root_key };
    });
  }

  private closingNow(incidentIds: readonly string[]): Map<string, IncidentSize> {
    if (incidentIds.length === 0) return new Map();
    const asked = JSON.stringify(incidentIds);
    this.closeOne.run(asked);
    return new Map(this.sizes.all(asked).map((r) => [r.incident_id, { customers: r.n, alarms: r.alarms }]));
  }

  async repoint(fromIncidentId: string, to: IncidentClaim): Promise<void> {
    this.repointOne.run(to.incidentId, to.rootKey, fromIncidentId);
  }

  async openChildren(incidentIds: readonly string[]): Promise<IncidentChild[]> {
    if (incidentIds.length === 0) return [];
    return childrenOf(this.children.all(JSON.stringify(incidentIds)).map(toAlarmState));
  }

  async strandedChildren(clearedBy: number, limit: number): Promise<StrandedChild[]> {
    return this.stranded.all(clearedBy, limit).map(toStranded);
  }

  async openMembers(incidentId: string): Promise<AlarmIncidentState[]> {
    return this.members.all(incidentId).map(toAlarmState).sort(rootFirst);
  }
}
