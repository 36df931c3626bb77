import type { Db } from '../database';
import type { AlarmIncidentState, IncidentChild, IncidentClaim, IncidentClaimRequest, IncidentSize, IncidentStore } from '../../services/ports/incident-store';
import { childrenOf, claimSql, namedParams, rootFirst, SQLITE_DIALECT, toAlarmState, type RawAlarmState } from '../rows/incident-rows';

/** SQLite's IncidentStore (one writer: the claim's upsert is atomic as on PostgreSQL). */
export class SqliteIncidentStore implements IncidentStore {
  private readonly states;
  private readonly claimOne;
  private readonly sizes;
  private readonly closeOne;
  private readonly repointOne;
  private readonly members;
  private readonly children;

  constructor(db: Db) {
    this.states = db.prepare<[string], RawAlarmState>("SELECT w.item_key, w.state FROM json_each(?) k JOIN work_items w ON w.item_key = k.value WHERE w.stream = 'alarm'");
    this.claimOne = db.prepare<[Record<string, unknown>], { incident_id: string; root_key: string }>(claimSql(SQLITE_DIALECT, 'VALUES (@p1, @p2, @p3, @p4, @p5, 0)', '@p6'));
    this.sizes = db.prepare<[string], { incident_id: string; n: number; alarms: number }>(
      "SELECT w.incident_id, sum(max(0, coalesce(json_extract(w.state, '$.customersAffected'), 0))) AS n, count(*) AS alarms FROM json_each(?) k JOIN work_items w ON w.incident_id = k.value GROUP BY w.incident_id",
    );
    this.closeOne = db.prepare<[string]>('UPDATE incident_claims SET closed = 1 WHERE incident_id IN (SELECT value FROM json_each(?))');
    this.repointOne = db.prepare<[string, string, string]>('UPDATE incident_claims SET incident_id = ?, root_key = ? WHERE incident_id = ?');
    this.members = db.prepare<[string], RawAlarmState>('SELECT item_key, state FROM work_items WHERE incident_id = ? AND open = 1');
    this.children = db.prepare<[string], RawAlarmState>('SELECT w.item_key, w.state FROM json_each(?) k JOIN work_items w ON w.incident_id = k.value AND w.open = 1');
  }

  async alarmStates(itemKeys: readonly string[]): Promise<Map<string, AlarmIncidentState>> {
    if (itemKeys.length === 0) return new Map();
    return new Map(this.states.all(JSON.stringify(itemKeys)).map((r) => [r.item_key, toAlarmState(r)]));
  }

  async claim(requests: readonly IncidentClaimRequest[]): Promise<IncidentClaim[]> {
    return requests.map((r) => {
      const row = this.claimOne.get(namedParams([r.place, r.incidentId, r.rootKey, r.firstAt, r.lastAt, r.windowMs]));
      if (!row) throw new Error(`claiming place ${r.place} returned nothing`);
      return { incidentId: row.incident_id, rootKey: row.root_key };
    });
  }

  async closing(incidentIds: readonly string[]): Promise<Map<string, IncidentSize>> {
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

  async openMembers(incidentId: string): Promise<AlarmIncidentState[]> {
    return this.members.all(incidentId).map(toAlarmState).sort(rootFirst);
  }
}
