import type { AlarmIncidentState, IncidentChild, IncidentClaim, IncidentClaimRequest, IncidentRound, IncidentRoundResult, IncidentSize, IncidentStore, StrandedChild } from '../../services/ports/incident-store';
import type { PgExecutor } from './executor.postgres';
import { childrenOf, claimSql, claimWaves, PG_ALARM_JSON, PG_ALARM_STATE, PG_DIALECT, rootFirst, strandedSql, toAlarmState, toStranded, type RawAlarmState, type RawStranded } from '../rows/incident-rows';
import { int8Array, textArray } from './binary-arrays';

const CLAIM = claimSql(
  PG_DIALECT,
  'SELECT place, incident_id, root_key, opened_at, last_raised_at, 0 FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[]) AS r(place, incident_id, root_key, opened_at, last_raised_at) ORDER BY place',
  '$6::bigint',
);

const STRANDED = strandedSql(
  (row, name) => `(${row}.state::jsonb ->> '${name}')::numeric`,
  (row) => `coalesce((${row}.state::jsonb ->> 'incidentRoot') = 'true', false)`,
  '$1::bigint',
  '$2::int',
);

/**
 * PostgreSQL's IncidentStore. The claim is one autocommitted upsert: its row lock lasts that statement
 * only, so two nodes taking one storm queue on the place for microseconds and never hold it across
 * their batches' units of work (which lock items, people and teams, never places).
 */
export class PgIncidentStore implements IncidentStore {
  constructor(private readonly pg: PgExecutor) {}

  async round(itemKeys: readonly string[], plan: (states: ReadonlyMap<string, AlarmIncidentState>) => IncidentRound): Promise<IncidentRoundResult> {
    const asked = plan(await this.alarmStates(itemKeys));
    return { claims: await this.claim(asked.claims), sizes: await this.closing(asked.closing) };
  }

  async alarmStates(itemKeys: readonly string[]): Promise<Map<string, AlarmIncidentState>> {
    if (itemKeys.length === 0) return new Map();
    const rows = await this.pg.rows<RawAlarmState>(`SELECT ${PG_ALARM_STATE} FROM unnest($1::text[]) AS k(value) JOIN work_items w ON w.item_key = k.value ${PG_ALARM_JSON} WHERE w.stream = 'alarm'`, [textArray(itemKeys)]);
    return new Map(rows.map((r) => [r.item_key, toAlarmState(r)]));
  }

  async claim(requests: readonly IncidentClaimRequest[]): Promise<IncidentClaim[]> {
    const claimed: IncidentClaim[] = [];
    for (const wave of claimWaves(requests.map((r, index) => ({ ...r, index })))) {
      const rows = await this.pg.rows<{ place: string; incident_id: string; root_key: string }>(CLAIM, [
        textArray(wave.map((r) => r.place)),
        textArray(wave.map((r) => r.incidentId)),
        textArray(wave.map((r) => r.rootKey)),
        int8Array(wave.map((r) => r.firstAt)),
        int8Array(wave.map((r) => r.lastAt)),
        wave[0]?.windowMs ?? 0,
      ]);
      const byPlace = new Map(rows.map((row) => [row.place, { incidentId: row.incident_id, rootKey: row.root_key }]));
      for (const r of wave) {
        const claim = byPlace.get(r.place);
        if (!claim) throw new Error(`claiming place ${r.place} returned nothing`);
        claimed[r.index] = claim;
      }
    }
    return claimed;
  }

  /** One statement: the claims close (a data-modifying CTE) and the incidents' alarms are measured. */
  async closing(incidentIds: readonly string[]): Promise<Map<string, IncidentSize>> {
    if (incidentIds.length === 0) return new Map();
    const rows = await this.pg.rows<{ incident_id: string; n: number; alarms: number }>(
      `WITH closed AS (UPDATE incident_claims SET closed = 1 WHERE incident_id = ANY($1::text[]))
       SELECT incident_id, sum(greatest(0, coalesce((state::jsonb ->> 'customersAffected')::bigint, 0)))::bigint AS n, count(*)::int AS alarms
       FROM work_items WHERE incident_id = ANY($1::text[]) GROUP BY incident_id`,
      [incidentIds],
    );
    return new Map(rows.map((r) => [r.incident_id, { customers: Number(r.n), alarms: r.alarms }]));
  }

  async repoint(fromIncidentId: string, to: IncidentClaim): Promise<void> {
    await this.pg.run('UPDATE incident_claims SET incident_id = $1, root_key = $2 WHERE incident_id = $3', [to.incidentId, to.rootKey, fromIncidentId]);
  }

  async openChildren(incidentIds: readonly string[]): Promise<IncidentChild[]> {
    if (incidentIds.length === 0) return [];
    const rows = await this.pg.rows<RawAlarmState>(`SELECT ${PG_ALARM_STATE} FROM work_items w ${PG_ALARM_JSON} WHERE w.incident_id = ANY($1::text[]) AND w.open = 1`, [incidentIds]);
    return childrenOf(rows.map(toAlarmState));
  }

  async strandedChildren(clearedBy: number, limit: number): Promise<StrandedChild[]> {
    const rows = await this.pg.rows<RawStranded>(STRANDED, [clearedBy, limit]);
    return rows.map(toStranded);
  }

  async openMembers(incidentId: string): Promise<AlarmIncidentState[]> {
    const rows = await this.pg.rows<RawAlarmState>(`SELECT ${PG_ALARM_STATE} FROM work_items w ${PG_ALARM_JSON} WHERE w.incident_id = $1 AND w.open = 1`, [incidentId]);
    return rows.map(toAlarmState).sort(rootFirst);
  }
}
