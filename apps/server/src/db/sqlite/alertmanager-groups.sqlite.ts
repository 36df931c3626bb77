import type { Db } from '../database';
import { ALERTMANAGER_SOURCE } from '../../integrations/alertmanager/alertmanager.mapper';
import type { AlertmanagerGroupsStore } from '../../services/ports/alertmanager-groups-store';

const ITEM_PREFIX = `alarm:${ALERTMANAGER_SOURCE}:`;
/** The first key after every `alarm:alertmanager:…` key (':' + 1 is ';'). */
const ITEM_PREFIX_END = `alarm:${ALERTMANAGER_SOURCE};`;

/**
 * The Alertmanager alarms OpsQuest holds open, by the group they last came in (the `groupKey` and
 * `externalURL` of the raw payload of their latest Alertmanager event, alertmanager-raw.ts). Raw
 * payloads of open items are never pruned (retention.service.ts), so the group stays readable
 * while it matters. Read in pages, so a storm's thousands of open alarms are looked at a page per turn.
 */
export class SqliteAlertmanagerGroupsStore implements AlertmanagerGroupsStore {
  private readonly openKeys;
  private readonly ofGroup;

  constructor(db: Db) {
    this.openKeys = db.prepare<[string, string], { item_key: string }>(
      "SELECT item_key FROM work_items WHERE open = 1 AND stream = 'alarm' AND item_key >= ? AND item_key < ?",
    );
    // the latest Alertmanager event of each item that kept its raw payload, and whether it names this group
    this.ofGroup = db.prepare<{ keys: string; groupKey: string; externalUrl: string }, { item_key: string }>(
      `SELECT k.value AS item_key FROM json_each(@keys) k
        WHERE (SELECT CASE WHEN json_valid(e.raw)
                           THEN json_extract(e.raw, '$.groupKey') = @groupKey AND coalesce(json_extract(e.raw, '$.externalURL'), '') = @externalUrl
                      END
                 FROM events e
                WHERE e.item_key = k.value AND e.via = 'alertmanager' AND e.raw IS NOT NULL
                ORDER BY e.seq DESC LIMIT 1) = 1`,
    );
  }

  /** Keys of every open Alertmanager alarm (cheap: the open-items index and the keys alone). */
  async openAlarmKeys(): Promise<string[]> {
    return this.openKeys.all(ITEM_PREFIX, ITEM_PREFIX_END).map((r) => r.item_key);
  }

  /** Of these item keys, the fingerprints of the ones whose latest notification was of this group. */
  async fingerprintsInGroup(itemKeys: readonly string[], groupKey: string, externalUrl: string): Promise<string[]> {
    if (itemKeys.length === 0) return [];
    return this.ofGroup.all({ keys: JSON.stringify(itemKeys), groupKey, externalUrl }).map((r) => r.item_key.slice(ITEM_PREFIX.length));
  }
}
