import { describe, expect, it } from 'vitest';
import type { WorkItem } from '@opsquest/core';
import { foldHistory, listenerEvent, matchesPattern, patchEvents, sourceOf, toTmfAlarm } from './tmf642.mapper';
import { listenerEnvelopeSchema, type TmfListenerEventType } from './tmf642.schema';

const T0 = Date.parse('2026-11-20T08:00:00.000Z');
const NOW = '2026-11-20T09:00:00.000Z';

function item(overrides: Partial<WorkItem> = {}): WorkItem {
  const clock = { startedAt: T0, dueAt: T0 + 3_600_000, pausedMs: 0, atRiskFlagged: false, breachFlagged: false };
  return {
    key: 'alarm:nms:A1',
    stream: 'alarm',
    source: 'nms',
    externalKey: 'A1',
    status: 'raised',
    ackState: 'unacknowledged',
    title: 'LinkDown on NE-1',
    severity: 'major',
    alarmedObject: 'NE-1',
    probableCause: 'LinkDown',
    serviceAffecting: false,
    customersAffected: 0,
    vip: false,
    count: 1,
    reraiseCount: 0,
    open: true,
    openedAt: T0,
    sla: { response: clock, resolution: clock },
    lastEventAt: T0,
    eventCount: 1,
    ...overrides,
  };
}

const envelope = (type: TmfListenerEventType, alarm: Record<string, unknown>) =>
  listenerEnvelopeSchema(type).parse({ eventId: 'e1', eventTime: NOW, eventType: type, event: { alarm } });

describe('tmf642 mapper', () => {
  it('sanitises sourceSystemId into an OpsQuest source, tmf642 when nothing is left', () => {
    expect(sourceOf('NMS East/1')).toBe('NMS-East-1');
    expect(sourceOf('  ok.name_1 ')).toBe('ok.name_1');
    expect(sourceOf('///')).toBe('tmf642');
    expect(sourceOf(undefined)).toBe('tmf642');
    expect(sourceOf('x'.repeat(100))).toHaveLength(64);
  });

  it('maps notifications: create -> raised, state change -> cleared / ack change / reopen / update', () => {
    const alarm = { id: 42, sourceSystemId: 'nms', perceivedSeverity: 'major' };
    expect(listenerEvent('AlarmCreateEvent', envelope('AlarmCreateEvent', alarm), undefined, NOW)).toMatchObject({ transition: 'raised', externalKey: '42', eventId: 'e1', source: 'nms' });
    expect(listenerEvent('AlarmStateChangeEvent', envelope('AlarmStateChangeEvent', { ...alarm, state: 'cleared', clearUserId: 'eng' }), item(), NOW)).toMatchObject({ transition: 'cleared', actor: 'eng' });
    expect(listenerEvent('AlarmStateChangeEvent', envelope('AlarmStateChangeEvent', { ...alarm, ackState: 'acknowledged', ackUserId: 'eng' }), item(), NOW)).toMatchObject({ transition: 'acknowledged', actor: 'eng' });
    expect(listenerEvent('AlarmStateChangeEvent', envelope('AlarmStateChangeEvent', { ...alarm, ackState: 'unacknowledged' }), item({ ackState: 'acknowledged' }), NOW).transition).toBe('unacknowledged');
    expect(listenerEvent('AlarmStateChangeEvent', envelope('AlarmStateChangeEvent', { ...alarm, state: 'raised' }), item({ open: false, status: 'cleared' }), NOW).transition).toBe('raised');
    expect(listenerEvent('AlarmStateChangeEvent', envelope('AlarmStateChangeEvent', { ...alarm, state: 'updated' }), item(), NOW).transition).toBe('updated');
    expect(listenerEvent('AlarmAttributeValueChangeEvent', envelope('AlarmAttributeValueChangeEvent', { ...alarm, perceivedSeverity: 'cleared' }), item(), NOW).transition).toBe('cleared');
    const update = listenerEvent('AlarmAttributeValueChangeEvent', envelope('AlarmAttributeValueChangeEvent', { ...alarm, perceivedSeverity: 'Critical' }), item(), NOW);
    expect(update).toMatchObject({ transition: 'updated', occurredAt: NOW, attributes: { perceivedSeverity: 'critical' } });
  });

  it('turns a PATCH into update, then acknowledge, then clear events', () => {
    const events = patchEvents(item(), { perceivedSeverity: 'critical', ackState: 'acknowledged', ackUserId: 'eng', state: 'cleared', clearUserId: 'eng2' }, NOW);
    expect(events.map((e) => [e.transition, e.actor])).toEqual([
      ['updated', undefined],
      ['acknowledged', 'eng'],
      ['cleared', 'eng2'],
    ]);
    expect(patchEvents(item(), {}, NOW)).toEqual([]);
    expect(patchEvents(item({ open: false, status: 'cleared' }), { state: 'raised' }, NOW).map((e) => e.transition)).toEqual(['raised']);
  });

  it('folds the raw payloads: TMF-only attributes, system ids of the current ack and clear, change time', () => {
    const history = foldHistory([
      { transition: 'raised', occurredAt: T0, via: 'tmf642', raw: JSON.stringify({ alarmType: 'QualityOfServiceAlarm', alarmDetails: 'd1', sourceSystemId: 'NMS East' }) },
      { transition: 'acknowledged', occurredAt: T0 + 1000, via: 'tmf642', raw: JSON.stringify({ alarmPattern: [{ id: '1' }], ackSystemId: 'portal' }) },
      { transition: 'slaAtRisk', occurredAt: T0 + 9000, via: 'sla-timer', raw: null },
      { transition: 'updated', occurredAt: T0 + 2000, via: 'tmf642', raw: JSON.stringify({ eventId: 'x', event: { alarm: { id: 5, alarmDetails: 'd2' } } }) },
    ]);
    expect(history).toEqual({ attributes: { alarmType: 'QualityOfServiceAlarm', alarmDetails: 'd2', sourceSystemId: 'NMS East' }, ackSystemId: 'portal', changedAt: T0 + 2000 });
    const alarm = toTmfAlarm(7, item({ ackState: 'acknowledged', assignee: 'eng' }), history);
    expect(alarm).toMatchObject({ id: '7', href: '/tmf-api/alarm/v4/alarm/7', ackUserId: 'eng', ackSystemId: 'portal', sourceSystemId: 'NMS East', externalAlarmId: 'A1', alarmChangedTime: new Date(T0 + 2000).toISOString() });

    const reopened = foldHistory([
      { transition: 'cleared', occurredAt: T0, via: 'tmf642', raw: JSON.stringify({ state: 'cleared', clearSystemId: 'auto' }) },
      { transition: 'raised', occurredAt: T0 + 1, via: 'api', raw: null },
    ]);
    expect(reopened.clearSystemId).toBeUndefined();
  });

  it('matches alarm patterns on every criterion given', () => {
    const it1 = item({ severity: 'critical' });
    expect(matchesPattern(7, it1, { id: 7 })).toBe(true);
    expect(matchesPattern(7, it1, { id: '7', perceivedSeverity: 'major' })).toBe(false);
    expect(matchesPattern(7, it1, { alarmedObject: { id: 'NE-1' }, probableCause: 'LinkDown', state: 'raised', ackState: 'unacknowledged' })).toBe(true);
    expect(matchesPattern(7, it1, { externalAlarmId: 'A2' })).toBe(false);
    expect(matchesPattern(7, it1, { href: '/x' })).toBe(false);
  });
});
