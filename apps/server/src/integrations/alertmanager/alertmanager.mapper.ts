import { normaliseSeverity, type EventAttributes, type OpsEvent, type Severity } from '@opsquest/core';
import { labelsFingerprint } from './alertmanager-fingerprint';
import type { AlertmanagerAlert, AlertmanagerPayload } from './alertmanager.schema';

export const ALERTMANAGER_SOURCE = 'alertmanager';

/** One alert as an OpsQuest event, with the alert as sent kept beside it. */
export interface MappedAlert {
  event: OpsEvent;
  /** the alert's JSON as received */
  raw: string;
  /** the alarm's key: the alert's fingerprint, or the labels' fingerprint when it had none */
  fingerprint: string;
  fingerprintFromLabels: boolean;
}

/** Trimmed, cut to `max` characters; undefined when empty. */
function text(value: string | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

function flag(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === undefined) return undefined;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

/** A non-negative integer written as digits only ("1840"); anything else is ignored. */
function count(value: string | undefined): number | undefined {
  const v = value?.trim();
  if (v === undefined || !/^\d{1,10}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= 1_000_000_000 ? n : undefined;
}

const iso = (value: string): string => new Date(Date.parse(value)).toISOString();

/**
 * Grafana Alerting replaces a rule's alertname with DatasourceNoData or DatasourceError when its query
 * returns nothing or fails, and keeps the rule's name in `rulename` (grafana/grafana
 * pkg/services/ngalert/state/compat.go): the title then names the rule and what went wrong.
 */
const GRAFANA_STATE_ALERTS: ReadonlyMap<string, string> = new Map([
  ['DatasourceNoData', 'no data'],
  ['DatasourceError', 'query failed'],
]);

function ruleTitle(labels: Readonly<Record<string, string>>, alertname: string | undefined): string | undefined {
  const rule = text(labels.rulename, 250);
  if (!rule || !alertname || rule === alertname) return undefined;
  return text(`${rule}: ${GRAFANA_STATE_ALERTS.get(alertname) ?? alertname}`, 300);
}

/** A key's own severity labels (lower-case label -> severity), checked before the built-in aliases. */
export type SeverityMap = Readonly<Record<string, Severity>>;

/** Labels and annotations to OpsQuest's alarm attributes (TMF642 names); `severityMap`: the sending key's own labels. */
export function alertAttributes(alert: AlertmanagerAlert, severityMap?: SeverityMap): EventAttributes {
  const labels = alert.labels;
  const notes = alert.annotations ?? {};
  const attributes: EventAttributes = { perceivedSeverity: normaliseSeverity(labels.severity, severityMap) };
  const alertname = text(labels.alertname, 200);
  if (alertname) attributes.probableCause = alertname;
  const title = text(notes.summary, 300) ?? text(notes.description, 300) ?? ruleTitle(labels, alertname) ?? alertname;
  if (title) attributes.title = title;
  const description = text(notes.description, 500);
  if (description && description !== title) attributes.specificProblem = description;
  const where = [labels.instance ?? labels.site, labels.interface].map((part) => part?.trim()).filter((part): part is string => !!part);
  const alarmedObject = text(where.join('/'), 300);
  if (alarmedObject) attributes.alarmedObject = alarmedObject;
  const region = text(labels.region, 100);
  if (region) attributes.region = region;
  const site = text(labels.site, 100);
  if (site) attributes.site = site;
  const customers = count(notes.customers_affected ?? labels.customers_affected);
  if (customers !== undefined) attributes.customersAffected = customers;
  const serviceAffecting = flag(labels.service_affecting) ?? flag(notes.service_affecting);
  if (serviceAffecting !== undefined) attributes.serviceAffecting = serviceAffecting;
  return attributes;
}

export interface MapOptions {
  /** the sending key's own severity labels */
  severityMap?: SeverityMap;
  /** what is kept as the event's raw payload (default: the alert's JSON) */
  raw?: string;
}

/**
 * One alert to one event. Firing: `raised` at startsAt (a repeat notification has the same
 * startsAt, so it is the same event and a duplicate). Resolved: `cleared` at endsAt, with no
 * actor: automation earns no one points but the clear still counts for MTTR.
 */
export function mapAlert(alert: AlertmanagerAlert, options: MapOptions = {}): MappedAlert {
  const given = alert.fingerprint?.trim();
  const fingerprint = given ? given : labelsFingerprint(alert.labels);
  const resolved = alert.status === 'resolved';
  const occurredAt = resolved && alert.endsAt !== undefined ? alert.endsAt : alert.startsAt;
  const event: OpsEvent = {
    source: ALERTMANAGER_SOURCE,
    stream: 'alarm',
    externalKey: fingerprint,
    transition: resolved ? 'cleared' : 'raised',
    occurredAt: iso(occurredAt),
    attributes: { ...alertAttributes(alert, options.severityMap), ...(resolved ? { alarmRaisedTime: iso(alert.startsAt) } : {}) },
  };
  return { event, raw: options.raw ?? JSON.stringify(alert), fingerprint, fingerprintFromLabels: !given };
}

/** Every alert of a notification, each by its own status (the group's status is not used). */
export function mapAlertmanagerPayload(payload: AlertmanagerPayload, severityMap?: SeverityMap): MappedAlert[] {
  return payload.alerts.map((alert) => mapAlert(alert, severityMap ? { severityMap } : {}));
}
