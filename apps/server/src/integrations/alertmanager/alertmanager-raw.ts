import type { AlertmanagerEnvelope } from './alertmanager.schema';

/**
 * The raw payload kept beside each Alertmanager event (`events.raw`): the notification cut down to
 * that one alert, exactly as the alert was sent, with the group it came in —
 * `{"version":"4","receiver":…,"groupKey":…,"groupLabels":…,"externalURL":…,"alerts":[<alert>]}`
 * (Grafana's contact point: `"version":"1"` and its `orgId`). It is still a payload of the version
 * it came as (it could be posted again), and the group key lets a later, truncated notification of
 * the same group find the alarms it holds open (alertmanager-group.repository.ts).
 */
export interface RawContext {
  /** the JSON of the notification's fields, ready to prefix each alert's JSON */
  prefix: string;
}

/** How an event of a notification came to be, when it was not an alert of the notification itself. */
export type RawOrigin = { fetchedFrom: string } | { clearedBecause: string };

export function rawContext(envelope: AlertmanagerEnvelope, origin?: RawOrigin): RawContext {
  const fields: Record<string, unknown> = {
    version: envelope.version,
    ...(typeof envelope.orgId === 'number' ? { orgId: envelope.orgId } : {}),
    receiver: envelope.receiver,
    groupKey: envelope.groupKey,
    groupLabels: envelope.groupLabels,
    externalURL: envelope.externalURL,
    ...(envelope.truncatedAlerts ? { truncatedAlerts: envelope.truncatedAlerts } : {}),
    ...origin,
  };
  const json = JSON.stringify(fields);
  return { prefix: `${json.slice(0, -1)},"alerts":[` };
}

/** The raw payload of one alert (its JSON as received) in its notification's context. */
export function rawOfAlert(context: RawContext, alertJson: string): string {
  return `${context.prefix}${alertJson}]}`;
}
