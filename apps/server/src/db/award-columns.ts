import type { AwardFields } from '../services/ports/gates-store';

export type { AwardFields };

/** The columns an award has wherever it is stored (the same on SQLite and PostgreSQL): the ledger, and awards withheld from it. */
export interface RawAwardColumns {
  entry_id: string;
  person_id: string;
  team_id: string | null;
  points: number;
  rule_id: string;
  rule_version: number;
  event_key: string;
  item_key: string;
  reason: string;
  at: number;
}


export function awardFromColumns(r: RawAwardColumns): AwardFields {
  return {
    entryId: r.entry_id,
    personId: r.person_id,
    teamId: r.team_id,
    points: r.points,
    ruleId: r.rule_id,
    ruleVersion: r.rule_version,
    eventKey: r.event_key,
    itemKey: r.item_key,
    reason: r.reason,
    at: r.at,
  };
}

/** Named parameters (@entryId, @personId, ...) for an INSERT of an award's columns. */
export function awardParams(e: AwardFields): AwardFields {
  return {
    entryId: e.entryId,
    personId: e.personId,
    teamId: e.teamId,
    points: e.points,
    ruleId: e.ruleId,
    ruleVersion: e.ruleVersion,
    eventKey: e.eventKey,
    itemKey: e.itemKey,
    reason: e.reason,
    at: e.at,
  };
}
