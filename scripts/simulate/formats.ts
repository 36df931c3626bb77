/**
 * Payload builders in the formats real systems send: Prometheus Alertmanager webhooks (v4),
 * TMF642 alarms, TMF622 product order notifications and field work orders.
 */
import type { Random } from '../../apps/server/src/demo/random';

export interface Request {
  path: string;
  method: 'POST' | 'PATCH';
  body: unknown;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
const iso = (ms: number): string => new Date(ms).toISOString();

export interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  fingerprint: string;
}

/** An incident on one site: a root cause and the alarms correlated with it, one notification group. */
export function incident(rng: Random, id: string, at: number): AmAlert[] {
  const region = rng.pick(['north', 'south']);
  const site = `${region === 'north' ? 'NTH' : 'STH'}-${String(rng.int(1, 180)).padStart(4, '0')}`;
  const severity = rng.pick(['critical', 'Critical', 'major', 'error', 'warning', 'minor']);
  const customers = rng.int(0, 4000);
  const root = { alertname: rng.pick(['LinkDown', 'PowerFailure', 'FiberCut']), severity, region, site, interface: `xe-0/0/${rng.int(0, 7)}` };
  const correlated = ['BGPSessionDown', 'PacketLoss', 'HighLatency'].slice(0, rng.int(0, 3));
  return [root, ...correlated.map((alertname) => ({ alertname, severity: 'warning', region, site, interface: root.interface }))].map((labels, i) => ({
    labels,
    annotations: { summary: `${labels.alertname} on ${site}`, description: `${labels.interface} on ${site}`, ...(i === 0 && customers ? { customers_affected: String(customers) } : {}) },
    startsAt: iso(at + i * 1500),
    fingerprint: `${id}-${i}`.replace(/[^a-z0-9-]/gi, '').toLowerCase(),
  }));
}

/** An Alertmanager webhook notification (version 4) for alerts, each firing or resolved on its own. */
export function alertmanagerNotification(alerts: { alert: AmAlert; resolvedAt?: number }[]): Request {
  const first = alerts[0]?.alert;
  const anyFiring = alerts.some((a) => a.resolvedAt === undefined);
  return {
    path: '/api/integrations/alertmanager',
    method: 'POST',
    body: {
      version: '4',
      groupKey: `{}:{site="${first?.labels.site ?? ''}"}`,
      truncatedAlerts: 0,
      status: anyFiring ? 'firing' : 'resolved',
      receiver: 'opsquest',
      groupLabels: { site: first?.labels.site ?? '' },
      commonLabels: { site: first?.labels.site ?? '', region: first?.labels.region ?? '' },
      commonAnnotations: {},
      externalURL: 'http://alertmanager.sim:9093',
      alerts: alerts.map(({ alert, resolvedAt }) => ({
        status: resolvedAt === undefined ? 'firing' : 'resolved',
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt: alert.startsAt,
        endsAt: resolvedAt === undefined ? ZERO_TIME : iso(resolvedAt),
        generatorURL: 'http://prometheus.sim:9090/graph',
        fingerprint: alert.fingerprint,
      })),
    },
  };
}

export function tmf642Create(rng: Random, externalAlarmId: string, at: number): Request {
  const site = `NTH-${String(rng.int(1, 180)).padStart(4, '0')}`;
  return {
    path: '/tmf-api/alarm/v4/alarm',
    method: 'POST',
    body: {
      externalAlarmId,
      alarmType: 'communicationsAlarm',
      perceivedSeverity: rng.pick(['critical', 'major', 'minor', 'warning']),
      probableCause: rng.pick(['lossOfSignal', 'powerProblem', 'equipmentMalfunction']),
      specificProblem: 'Simulated by OpsQuest',
      alarmedObject: { id: `${site}/ge-0/0/${rng.int(0, 9)}` },
      sourceSystemId: 'nms-sim',
      state: 'raised',
      alarmRaisedTime: iso(at),
      serviceAffecting: rng.chance(0.5),
    },
  };
}

export function tmf642Patch(id: string, patch: Record<string, unknown>): Request {
  return { path: `/tmf-api/alarm/v4/alarm/${id}`, method: 'PATCH', body: patch };
}

export function tmf622Event(kind: 'create' | 'state', eventId: string, orderId: string, state: string, at: number, handler: string, vip: boolean, priority: string): Request {
  const eventType = kind === 'create' ? 'ProductOrderCreateEvent' : 'ProductOrderStateChangeEvent';
  return {
    path: `/tmf-api/productOrderingManagement/v4/listener/${kind === 'create' ? 'productOrderCreateEvent' : 'productOrderStateChangeEvent'}`,
    method: 'POST',
    body: {
      eventId,
      eventTime: iso(at),
      eventType,
      event: {
        productOrder: {
          id: orderId,
          state,
          priority,
          orderDate: iso(at),
          description: `Fibre 1G for ${vip ? 'VIP ' : ''}account ${orderId}`,
          channel: [{ id: 'web', name: 'web' }],
          relatedParty: [
            { id: `CUST-${orderId}`, name: vip ? 'Big Bank (VIP)' : 'Small Shop', role: 'customer', '@referredType': 'Organization' },
            { id: handler, name: handler, role: 'orderHandler', '@referredType': 'Individual' },
          ],
          '@type': 'ProductOrder',
        },
      },
    },
  };
}

export function workOrder(workOrderId: string, state: string, at: number, technician: string, extra: Record<string, unknown> = {}): Request {
  return {
    path: '/api/integrations/workorder',
    method: 'POST',
    body: { eventId: `${workOrderId}-${state}`, workOrderId, state, occurredAt: iso(at), technician, source: 'fsm-sim', ...extra },
  };
}
