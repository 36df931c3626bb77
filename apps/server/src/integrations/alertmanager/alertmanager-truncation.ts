import type { GroupAlertsFetch, GroupAlertsQuery } from './alertmanager-api-client';
import { asWebhookAlert, isNotified } from './alertmanager-api.schema';
import type { AlertmanagerGroupsStore } from '../../services/ports/alertmanager-groups-store';
import { groupKeyOf, senderOf } from './alertmanager-senders';
import { isAllowedAlertmanager, normaliseAlertmanagerUrl } from './alertmanager-url';
import type { AlertmanagerAlert, AlertmanagerEnvelope } from './alertmanager.schema';

const GRAFANA_CUT =
  'the notification comes from a Grafana webhook contact point (payload version "1"), whose externalURL is Grafana, not an Alertmanager API, so the missing alerts cannot be fetched; set the contact point\'s "Max alerts" to 0 (no limit)';

/** How many open alarms are looked up per turn of the event loop. */
const GROUP_PAGE = 500;

/** An alert of the group Alertmanager still lists, missing from the notification, with its JSON as fetched. */
export interface FetchedAlert {
  alert: AlertmanagerAlert;
  json: string;
}

export type Recovery =
  | {
      ok: true;
      /** the Alertmanager asked (normalised base URL) and the URL of the request */
      from: string;
      url: string;
      /** alerts Alertmanager lists as notified (not silenced, not inhibited) that the notification did not carry */
      missing: FetchedAlert[];
      /** fingerprints of open alarms of the group neither in the notification nor listed by Alertmanager any more */
      resolvedInCut: string[];
    }
  | { ok: false; reason: string };

export interface TruncationInput {
  envelope: AlertmanagerEnvelope;
  /** the URLs the sending key allows OpsQuest to fetch from */
  allowed: readonly string[];
  /** fingerprints of every alert the notification carried (refused ones included) */
  carried: ReadonlySet<string>;
}

export interface TruncationDeps {
  fetchGroup(query: GroupAlertsQuery): Promise<GroupAlertsFetch>;
  groups: AlertmanagerGroupsStore;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Open alarms OpsQuest holds for the group that are in neither list: resolved in the part that was cut. */
async function resolvedInCut(deps: TruncationDeps, envelope: AlertmanagerEnvelope, stillThere: ReadonlySet<string>): Promise<string[]> {
  // without a group key the group's alarms cannot be told from other groups': nothing is cleared
  const groupKey = groupKeyOf(envelope);
  if (groupKey === undefined) return [];
  const keys = await deps.groups.openAlarmKeys();
  const gone: string[] = [];
  for (let at = 0; at < keys.length; at += GROUP_PAGE) {
    if (at > 0) await nextTurn();
    for (const fingerprint of await deps.groups.fingerprintsInGroup(keys.slice(at, at + GROUP_PAGE), groupKey, envelope.externalURL ?? '')) {
      if (!stillThere.has(fingerprint)) gone.push(fingerprint);
    }
  }
  return gone;
}

/**
 * A notification Alertmanager truncated (`truncatedAlerts` > 0, its webhook's max_alerts): when
 * its `externalURL` is one the key allows, the group's current alerts are fetched from
 * Alertmanager's API; the ones the notification did not carry are to be ingested like its own, and
 * the group's open alarms Alertmanager no longer lists are to be cleared (their resolution was cut).
 * Otherwise, or when the fetch fails, the reason comes back in words an admin can act on.
 * Grafana's contact point (version "1") is never fetched from: its externalURL is Grafana's own URL,
 * not an Alertmanager API.
 */
export async function recoverTruncatedGroup(input: TruncationInput, deps: TruncationDeps): Promise<Recovery> {
  const { envelope } = input;
  if (senderOf(envelope) === 'grafana') return { ok: false, reason: GRAFANA_CUT };
  const base = normaliseAlertmanagerUrl(envelope.externalURL);
  if (!base) return { ok: false, reason: `the notification's externalURL ${JSON.stringify(envelope.externalURL ?? '')} is not an http(s) URL, so the missing alerts cannot be fetched` };
  if (!isAllowedAlertmanager(base, input.allowed)) return { ok: false, reason: `externalURL ${base} is not in this key's allow-list; add it on the Admin page` };
  const fetched = await deps.fetchGroup({ baseUrl: base, receiver: envelope.receiver, groupLabels: envelope.groupLabels ?? {} });
  if (!fetched.ok) return { ok: false, reason: `${fetched.reason} (GET ${base}/api/v2/alerts)` };
  const stillThere = new Set(input.carried);
  const missing: FetchedAlert[] = [];
  for (const gettable of fetched.alerts) {
    stillThere.add(gettable.fingerprint);
    if (!isNotified(gettable) || input.carried.has(gettable.fingerprint)) continue;
    const alert = asWebhookAlert(gettable);
    if (alert) missing.push({ alert, json: JSON.stringify(gettable) });
  }
  return { ok: true, from: base, url: fetched.url, missing, resolvedInCut: await resolvedInCut(deps, envelope, stillThere) };
}
