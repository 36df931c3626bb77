import { ALERTMANAGER_SOURCE } from '../../integrations/alertmanager/alertmanager.mapper';
import type { AlertmanagerGroupsStore } from '../../services/ports/alertmanager-groups-store';
import type { PgExecutor } from './executor.postgres';

const ITEM_PREFIX = `alarm:${ALERTMANAGER_SOURCE}:`;
/** The first key after every `alarm:alertmanager:…` key in byte order (':' + 1 is ';'). */
const ITEM_PREFIX_END = `alarm:${ALERTMANAGER_SOURCE};`;

/**
 * Whether a raw Alertmanager payload names this group: a JSON object whose `groupKey` is this
 * string and whose `externalURL` is this string (missing or null reading as ''). Anything else,
 * invalid JSON included, does not (as SQLite's json_valid / json_extract test reads it).
 */
function namesGroup(raw: string, groupKey: string, externalUrl: string): boolean {
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return false;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const fields = payload as Record<string, unknown>;
  const group = Object.hasOwn(fields, 'groupKey') ? fields.groupKey : undefined;
  const url = Object.hasOwn(fields, 'externalURL') ? fields.externalURL : undefined;
  return group === groupKey && (url ?? '') === externalUrl;
}

/**
 * PostgreSQL's AlertmanagerGroupsStore: the Alertmanager alarms OpsQuest holds open, by the group
 * they last came in (alertmanager-groups.sqlite.ts tells the story). `events.raw` is plain text that
 * a sender wrote: PostgreSQL's JSON casts would fail the statement on a payload that is not JSON (or
 * holds a `\u0000`), so the latest raw payload of each item is read and its group tested here.
 */
export class PgAlertmanagerGroupsStore implements AlertmanagerGroupsStore {
  constructor(private readonly pg: PgExecutor) {}

  /** Keys of every open Alertmanager alarm, in the order SQLite's work_items_open index walk gives them. */
  async openAlarmKeys(): Promise<string[]> {
    // byte order (COLLATE "C") as SQLite compares: under a linguistic collation ':' and ';' may sort
    // anywhere, and the range would miss keys or take in others
    const rows = await this.pg.rows<{ item_key: string }>(
      `SELECT item_key FROM work_items
        WHERE open = 1 AND stream = 'alarm' AND item_key COLLATE "C" >= $1 AND item_key COLLATE "C" < $2
        ORDER BY severity_rank, resolution_due_at NULLS FIRST, id`,
      [ITEM_PREFIX, ITEM_PREFIX_END],
    );
    return rows.map((r) => r.item_key);
  }

  /** Of these item keys, the fingerprints of the ones whose latest notification was of this group (in the order given). */
  async fingerprintsInGroup(itemKeys: readonly string[], groupKey: string, externalUrl: string): Promise<string[]> {
    if (itemKeys.length === 0) return [];
    // the latest Alertmanager event of each item that kept its raw payload
    const rows = await this.pg.rows<{ item_key: string; raw: string }>(
      `SELECT k.item_key, latest.raw
         FROM unnest($1::text[]) AS k(item_key)
        CROSS JOIN LATERAL (
          SELECT e.raw FROM events e
           WHERE e.item_key = k.item_key AND e.via = 'alertmanager' AND e.raw IS NOT NULL
           ORDER BY e.seq DESC LIMIT 1) latest`,
      [[...new Set(itemKeys)]],
    );
    const inGroup = new Set(rows.filter((r) => namesGroup(r.raw, groupKey, externalUrl)).map((r) => r.item_key));
    return itemKeys.filter((key) => inGroup.has(key)).map((key) => key.slice(ITEM_PREFIX.length));
  }
}
