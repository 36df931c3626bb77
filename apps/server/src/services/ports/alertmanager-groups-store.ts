/**
 * The Alertmanager alarms OpsQuest holds open, by the group they last came in: what the truncation
 * check (integrations/alertmanager/alertmanager-truncation.ts) reads to tell a resolved alert from
 * one Alertmanager left out of a truncated notification.
 */
export interface AlertmanagerGroupsStore {
  /** Keys of every open Alertmanager alarm. */
  openAlarmKeys(): Promise<string[]>;
  /** Of these item keys, the fingerprints of the ones whose latest notification was of this group. */
  fingerprintsInGroup(itemKeys: readonly string[], groupKey: string, externalUrl: string): Promise<string[]>;
}
