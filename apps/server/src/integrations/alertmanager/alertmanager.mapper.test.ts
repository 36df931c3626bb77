import { describe, expect, it } from 'vitest';
import { labelsFingerprint } from './alertmanager-fingerprint';
import { mapAlert, mapAlertmanagerPayload } from './alertmanager.mapper';
import { alertmanagerPayloadSchema, type AlertmanagerAlert } from './alertmanager.schema';

const alert = (extra: Partial<AlertmanagerAlert> = {}): AlertmanagerAlert => ({
  status: 'firing',
  labels: { alertname: 'HighCPU', severity: 'major', instance: 'core-rtr-1:9100' },
  annotations: { summary: 'CPU above 90 %' },
  startsAt: '2026-11-20T08:00:00.123456789Z',
  endsAt: '0001-01-01T00:00:00Z',
  fingerprint: 'abc123',
  ...extra,
});

describe('labelsFingerprint', () => {
  it('is the fingerprint Alertmanager computes (prometheus/common test vectors)', () => {
    expect(labelsFingerprint({})).toBe('cbf29ce484222325');
    expect(labelsFingerprint({ name: 'garland, briggs', fear: 'love is not enough' })).toBe('507a62d79ee76c9a');
  });

  it('does not depend on the order of the labels', () => {
    expect(labelsFingerprint({ a: '1', b: '2' })).toBe(labelsFingerprint({ b: '2', a: '1' }));
    expect(labelsFingerprint({ a: '1', b: '2' })).not.toBe(labelsFingerprint({ a: '1', b: '3' }));
  });
});

describe('mapAlert', () => {
  it('maps a firing alert to a raise at startsAt, without an actor', () => {
    const { event, raw, fingerprint, fingerprintFromLabels } = mapAlert(alert());
    expect(event).toEqual({
      source: 'alertmanager',
      stream: 'alarm',
      externalKey: 'abc123',
      transition: 'raised',
      occurredAt: '2026-11-20T08:00:00.123Z',
      attributes: { perceivedSeverity: 'major', probableCause: 'HighCPU', title: 'CPU above 90 %', alarmedObject: 'core-rtr-1:9100' },
    });
    expect(JSON.parse(raw)).toEqual(alert());
    expect(fingerprint).toBe('abc123');
    expect(fingerprintFromLabels).toBe(false);
  });

  it('maps a resolved alert to a clear at endsAt', () => {
    const { event } = mapAlert(alert({ status: 'resolved', endsAt: '2026-11-20T09:30:00+01:00' }));
    expect(event.transition).toBe('cleared');
    expect(event.occurredAt).toBe('2026-11-20T08:30:00.000Z');
    expect(event.actor).toBeUndefined();
  });

  it('keys on the labels when the fingerprint is missing or blank', () => {
    const labels = { alertname: 'HighCPU', instance: 'core-rtr-1:9100' };
    expect(mapAlert(alert({ labels, fingerprint: undefined })).event.externalKey).toBe(labelsFingerprint(labels));
    expect(mapAlert(alert({ labels, fingerprint: '  ' })).fingerprintFromLabels).toBe(true);
  });

  it('reads labels and annotations into attributes', () => {
    const { event } = mapAlert(
      alert({
        labels: { alertname: 'LinkDown', severity: 'CRITICAL', site: 'NTH-1', interface: 'xe-0/0/1', region: 'north', service_affecting: 'TRUE' },
        annotations: { description: 'xe-0/0/1 is down', customers_affected: ' 42 ' },
      }),
    );
    expect(event.attributes).toEqual({
      perceivedSeverity: 'critical',
      probableCause: 'LinkDown',
      title: 'xe-0/0/1 is down',
      alarmedObject: 'NTH-1/xe-0/0/1',
      region: 'north',
      site: 'NTH-1',
      customersAffected: 42,
      serviceAffecting: true,
    });
  });

  it('ignores customers_affected that is not a non-negative integer, and a service_affecting it cannot read', () => {
    for (const value of ['-5', '12abc', '1.5', '', 'many']) {
      const { event } = mapAlert(alert({ annotations: { customers_affected: value, service_affecting: 'maybe' } }));
      expect(event.attributes?.customersAffected).toBeUndefined();
      expect(event.attributes?.serviceAffecting).toBeUndefined();
    }
    expect(mapAlert(alert({ annotations: { service_affecting: 'no' } })).event.attributes?.serviceAffecting).toBe(false);
  });

  it('maps severity case-insensitively; missing is warning', () => {
    const sev = (severity?: string) =>
      mapAlert(alert({ labels: { alertname: 'X', ...(severity !== undefined ? { severity } : {}) } })).event.attributes?.perceivedSeverity;
    expect(sev('Critical')).toBe('critical');
    expect(sev('MINOR')).toBe('minor');
    expect(sev('error')).toBe('major');
    expect(sev(undefined)).toBe('warning');
    expect(sev('page-me')).toBe('indeterminate');
  });

  it('titles Grafana\'s DatasourceNoData / DatasourceError alerts by their rule (rulename) when there is no summary or description', () => {
    const title = (labels: Record<string, string>, annotations: Record<string, string> = {}) => mapAlert(alert({ labels, annotations })).event.attributes?.title;
    expect(title({ alertname: 'DatasourceNoData', rulename: 'CoreLinkUtilisation' })).toBe('CoreLinkUtilisation: no data');
    expect(title({ alertname: 'DatasourceError', rulename: 'CoreLinkUtilisation' })).toBe('CoreLinkUtilisation: query failed');
    expect(title({ alertname: 'Custom', rulename: 'Rule 7' })).toBe('Rule 7: Custom');
    expect(title({ alertname: 'constructor', rulename: 'Rule 7' })).toBe('Rule 7: constructor');
    expect(title({ alertname: 'Same', rulename: 'Same' })).toBe('Same');
    expect(title({ alertname: 'DatasourceNoData', rulename: '  ' })).toBe('DatasourceNoData');
    expect(title({ alertname: 'DatasourceNoData', rulename: 'CoreLinkUtilisation' }, { summary: 'No samples from core links' })).toBe('No samples from core links');
  });
});

describe('mapAlert options', () => {
  it('reads the sending key\'s own severity labels before the built-in ones, and keeps the raw payload given', () => {
    const severityMap = { 'sev-a': 'critical', warning: 'minor' } as const;
    const sev = (severity: string) => mapAlert(alert({ labels: { alertname: 'X', severity } }), { severityMap }).event.attributes?.perceivedSeverity;
    expect(sev(' SEV-A ')).toBe('critical');
    expect(sev('warning')).toBe('minor');
    expect(sev('p2')).toBe('major');
    expect(mapAlert(alert(), { raw: '{"kept":true}' }).raw).toBe('{"kept":true}');
  });
});

describe('mapAlertmanagerPayload', () => {
  it('reads the status of each alert, not of the group', () => {
    const payload = alertmanagerPayloadSchema.parse({
      version: '4',
      status: 'firing',
      alerts: [alert({ status: 'resolved', endsAt: '2026-11-20T08:10:00Z' }), alert({ fingerprint: 'other' })],
    });
    expect(mapAlertmanagerPayload(payload).map((m) => m.event.transition)).toEqual(['cleared', 'raised']);
  });
});
