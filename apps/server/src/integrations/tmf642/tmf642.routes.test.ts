import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeView } from '@opsquest/contracts';
import { asApiError, fieldPaths, getJson, isoFromNow, postJson, uniqueKey, type JsonResponse } from '../../../test-support/http';
import { login, startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import { sampleAckAlarms, sampleAlarmCreate, sampleClearAlarms, sampleNotification } from '../../../test-support/fixtures/tmf642.fixtures';
import type { TmfAlarm } from './tmf642.mapper';
import type { AckAlarmsTask, ClearAlarmsTask, ListenerResult } from './tmf642.service';
import { allPages } from '../../../test-support/all-pages';

const BASE = '/tmf-api/alarm/v4';
const auth = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };

describe('TMF642 Alarm Management API', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  const post = <T>(path: string, body: unknown) => postJson<T>(t.url, `${BASE}${path}`, body, auth);
  const get = <T>(path: string) => getJson<T>(t.url, `${BASE}${path}`, auth);
  const patch = async <T>(path: string, body: unknown): Promise<JsonResponse<T>> => {
    const res = await fetch(`${t.url}${BASE}${path}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
  };
  const create = async (overrides: Record<string, unknown> = {}): Promise<TmfAlarm> => {
    const res = await post<TmfAlarm>('/alarm', sampleAlarmCreate(overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const points = async (personId: string): Promise<number> => (await t.server.repos.ledger.totalsByPerson()).get(personId) ?? 0;
  const eventCount = (): Promise<number> => t.server.repos.events.count();

  it('needs the API key (401 JSON) and answers 404 JSON for unknown paths and alarms', async () => {
    const res = await fetch(`${t.url}${BASE}/alarm`);
    expect(res.status).toBe(401);
    expect(asApiError(await res.json()).error).toBe('unauthorized');
    const unknown = await get<unknown>('/alarm/999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'not_found', code: 'not_found', reason: 'Alarm 999999 not found' });
    expect((await get<unknown>('/alarm/not-a-number')).status).toBe(404);
    expect((await get<unknown>('/nothing-here')).status).toBe(404);
    const del = await fetch(`${t.url}${BASE}/alarm/1`, { method: 'DELETE', headers: auth.headers });
    expect(del.status).toBe(405);
  });

  it('creates an alarm (201), then retrieves it; a work item exists with the TMF source and key', async () => {
    const before = await eventCount();
    const externalAlarmId = uniqueKey('A');
    const alarm = await create({ externalAlarmId, sourceSystemId: 'NMS East/1', perceivedSeverity: 'Critical' });
    expect(alarm).toMatchObject({
      href: `${BASE}/alarm/${alarm.id}`,
      externalAlarmId,
      sourceSystemId: 'NMS East/1',
      state: 'raised',
      ackState: 'unacknowledged',
      perceivedSeverity: 'critical',
      probableCause: 'LinkDown',
      specificProblem: 'LOS on xe-0/0/1',
      alarmDetails: 'Optical power below threshold for 30 s',
      alarmType: 'CommunicationsAlarm',
      alarmedObject: { id: 'NTH-0042/xe-0/0/1', '@type': 'AlarmedObject' },
      serviceAffecting: true,
    });
    expect(alarm.id).toMatch(/^[1-9][0-9]*$/);
    expect(alarm.alarmClearedTime).toBeUndefined();
    expect(await eventCount()).toBe(before + 1);

    const record = await t.server.repos.workItems.findByKey(`alarm:NMS-East-1:${externalAlarmId}`);
    expect(record?.id).toBe(Number(alarm.id));
    expect(record?.item.site).toBe('NTH-0042');
    const [stored] = await t.server.repos.events.listForItem(`alarm:NMS-East-1:${externalAlarmId}`);
    expect(stored?.via).toBe('tmf642');

    const again = await get<TmfAlarm>(`/alarm/${alarm.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(alarm);
    const some = await get<Partial<TmfAlarm>>(`/alarm/${alarm.id}?fields=state,perceivedSeverity`);
    expect(some.body).toEqual({ id: alarm.id, href: alarm.href, state: 'raised', perceivedSeverity: 'critical' });
  });

  it('keys an alarm without externalAlarmId on a new id; the same POST sent twice is stored once', async () => {
    const a = await create({ externalAlarmId: undefined });
    const b = await create({ externalAlarmId: undefined });
    expect(a.id).not.toBe(b.id);
    expect(a.externalAlarmId).toMatch(/^[0-9a-f-]{36}$/);

    const body = sampleAlarmCreate({ externalAlarmId: uniqueKey('DUP') });
    const first = await post<TmfAlarm>('/alarm', body);
    const before = await eventCount();
    const second = await post<TmfAlarm>('/alarm', body);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await eventCount()).toBe(before);
  });

  it('lists with filters, offset and limit, and X-Total-Count / X-Result-Count', async () => {
    const object = uniqueKey('OBJ');
    const made: TmfAlarm[] = [];
    for (const perceivedSeverity of ['minor', 'minor', 'minor', 'warning']) made.push(await create({ perceivedSeverity, alarmedObject: { id: object } }));
    const cleared = await create({ perceivedSeverity: 'minor' });
    expect((await patch<TmfAlarm>(`/alarm/${cleared.id}`, { state: 'cleared' })).status).toBe(200);

    const all = await get<TmfAlarm[]>('/alarm?limit=1000');
    expect(all.status).toBe(200);
    expect(Number(all.headers.get('x-total-count'))).toBe(all.body.length);
    expect(all.headers.get('x-result-count')).toBe(String(all.body.length));

    const minorOpen = await get<TmfAlarm[]>('/alarm?perceivedSeverity=minor&state=raised,updated&limit=1000');
    const total = Number(minorOpen.headers.get('x-total-count'));
    expect(minorOpen.body.every((a) => a.perceivedSeverity === 'minor' && a.state !== 'cleared')).toBe(true);
    expect(minorOpen.body.map((a) => a.id)).toEqual(expect.arrayContaining(made.slice(0, 3).map((a) => a.id)));
    expect(minorOpen.body.map((a) => a.id)).not.toContain(cleared.id);

    const page = await get<TmfAlarm[]>(`/alarm?perceivedSeverity=minor&state=raised,updated&offset=1&limit=2`);
    expect(page.headers.get('x-total-count')).toBe(String(total));
    expect(page.headers.get('x-result-count')).toBe('2');
    expect(page.body.map((a) => a.id)).toEqual(minorOpen.body.slice(1, 3).map((a) => a.id));

    const clearedOnly = await get<TmfAlarm[]>('/alarm?state=cleared&fields=state');
    expect(clearedOnly.body.length).toBeGreaterThan(0);
    expect(clearedOnly.body.every((a) => a.state === 'cleared' && Object.keys(a).sort().join() === 'href,id,state')).toBe(true);

    const defaults = await get<TmfAlarm[]>('/alarm');
    expect(defaults.body.length).toBe(Math.min(100, all.body.length));

    for (const [query, field] of [
      ['limit=1001', 'query.limit'],
      ['offset=-1', 'query.offset'],
      ['state=open', 'query.state.0'],
      ['perceivedSeverity=loud', 'query.perceivedSeverity.0'],
      ['fields=colour', 'query.fields.0'],
      ['colour=red', 'query.colour'],
    ] as const) {
      const bad = await get<unknown>(`/alarm?${query}`);
      expect(bad.status, query).toBe(400);
      expect(fieldPaths(bad.body), query).toContain(field);
    }
  });

  it('PATCH acknowledges with ackUserId: that engineer is credited; the points land on their follow-up, shown by GET /api/me', async () => {
    const alarm = await create({ perceivedSeverity: 'critical', alarmRaisedTime: isoFromNow(-30_000) });
    const cookie = await login(t.url, 'eng');
    const before = (await getJson<MeView>(t.url, '/api/me', { cookie })).body.points;

    const acked = await patch<TmfAlarm>(`/alarm/${alarm.id}`, { ackState: 'acknowledged', ackUserId: 'eng', ackSystemId: 'noc-portal' });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ id: alarm.id, ackState: 'acknowledged', ackUserId: 'eng', ackSystemId: 'noc-portal', state: 'raised' });

    // an acknowledgement pays once the same person follows up: here, eng's work note on the alarm
    expect((await getJson<MeView>(t.url, '/api/me', { cookie })).body.points).toBe(before);
    const note = await postJson(t.url, `/api/work-items/${alarm.id}/actions`, { action: 'comment', notes: 'Rectifier swapped in the site cabinet' }, { cookie });
    expect(note.status).toBe(200);
    const after = (await getJson<MeView>(t.url, '/api/me', { cookie })).body.points;
    expect(after).toBeGreaterThan(before);

    // Acknowledging again is impossible: 409, nothing stored.
    const count = await eventCount();
    const twice = await patch<unknown>(`/alarm/${alarm.id}`, { ackState: 'acknowledged', ackUserId: 'eng2' });
    expect(twice.status).toBe(409);
    expect(asApiError(twice.body).message).toMatch(/already acknowledged/);
    expect(await eventCount()).toBe(count);

    const unacked = await patch<TmfAlarm>(`/alarm/${alarm.id}`, { ackState: 'unacknowledged' });
    expect(unacked.body.ackState).toBe('unacknowledged');
    expect(unacked.body.ackUserId).toBeUndefined();
    expect(unacked.body.ackSystemId).toBeUndefined();
  });

  it('PATCH severity is an update; a clear with clearUserId credits that person, without it is automation', async () => {
    const alarm = await create({ perceivedSeverity: 'minor', alarmRaisedTime: isoFromNow(-60_000) });
    const updated = await patch<TmfAlarm>(`/alarm/${alarm.id}`, { perceivedSeverity: 'major', alarmDetails: 'now worse' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ state: 'updated', perceivedSeverity: 'major', alarmDetails: 'now worse' });

    const eng2 = await points('p-eng2');
    const clearedAt = isoFromNow(-1000);
    const cleared = await patch<TmfAlarm>(`/alarm/${alarm.id}`, { state: 'cleared', clearUserId: 'eng2', clearSystemId: 'noc-portal', alarmClearedTime: clearedAt });
    expect(cleared.body).toMatchObject({ state: 'cleared', clearUserId: 'eng2', clearSystemId: 'noc-portal', alarmClearedTime: clearedAt });
    expect(await points('p-eng2')).toBeGreaterThan(eng2);

    const count = await eventCount();
    expect((await patch<unknown>(`/alarm/${alarm.id}`, { state: 'cleared' })).status).toBe(409);
    expect((await patch<unknown>(`/alarm/${alarm.id}`, { perceivedSeverity: 'critical' })).status).toBe(409);
    expect(await eventCount()).toBe(count);

    // Automation: a clear without clearUserId earns no one anything.
    const auto = await create({ perceivedSeverity: 'critical', alarmRaisedTime: isoFromNow(-30_000) });
    const ledgerBefore = (await allPages(t.server.repos.ledger.pages())).length;
    const autoCleared = await patch<TmfAlarm>(`/alarm/${auto.id}`, { state: 'cleared' });
    expect(autoCleared.body.state).toBe('cleared');
    expect(autoCleared.body.clearUserId).toBeUndefined();
    expect((await allPages(t.server.repos.ledger.pages())).length).toBe(ledgerBefore);

    // Raised again after the clear: the same alarm reopens.
    const reopened = await patch<TmfAlarm>(`/alarm/${auto.id}`, { state: 'raised' });
    expect(reopened.body).toMatchObject({ id: auto.id, state: 'raised', ackState: 'unacknowledged' });
    expect(reopened.body.alarmClearedTime).toBeUndefined();
  });

  it('PATCH refuses identity changes and orphan user ids with 400 naming the field, storing nothing', async () => {
    const alarm = await create();
    const before = await eventCount();
    for (const [body, field] of [
      [{ id: '7' }, 'body.id'],
      [{ alarmRaisedTime: isoFromNow(0) }, 'body.alarmRaisedTime'],
      [{ clearUserId: 'eng' }, 'body.clearUserId'],
      [{ ackUserId: 'eng' }, 'body.ackUserId'],
      [{ ackState: 'maybe' }, 'body.ackState'],
      [{ perceivedSeverity: 'loud' }, 'body.perceivedSeverity'],
    ] as const) {
      const res = await patch<unknown>(`/alarm/${alarm.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldPaths(res.body)).toContain(field);
    }
    expect((await patch<unknown>('/alarm/999999', { state: 'cleared' })).status).toBe(404);
    expect(await eventCount()).toBe(before);
  });

  it('POST /alarm with a malformed body is 400 naming each field, and stores nothing', async () => {
    const before = await eventCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ probableCause: undefined }, 'body.probableCause'],
      [{ alarmedObject: { href: 'x' } }, 'body.alarmedObject.id'],
      [{ alarmRaisedTime: 'yesterday' }, 'body.alarmRaisedTime'],
      [{ perceivedSeverity: 'catastrophic' }, 'body.perceivedSeverity'],
      [{ state: 'open' }, 'body.state'],
      [{ serviceAffecting: 'yes' }, 'body.serviceAffecting'],
      [{ id: 42 }, 'body.id'],
    ];
    for (const [overrides, field] of cases) {
      const res = await post<unknown>('/alarm', sampleAlarmCreate(overrides));
      expect(res.status, field).toBe(400);
      expect(fieldPaths(res.body), field).toContain(field);
      expect(res.body).toMatchObject({ error: 'validation_failed', code: 'validation_failed' });
    }
    const notJson = await postJson<unknown>(t.url, `${BASE}/alarm`, '{"alarmType":', auth);
    expect(notJson.status).toBe(400);
    expect(await eventCount()).toBe(before);
  });

  it('AckAlarms and ClearAlarms tasks match by pattern, answer 201 with refs, and credit the user', async () => {
    const object = uniqueKey('TASKOBJ');
    const a = await create({ perceivedSeverity: 'critical', alarmedObject: { id: object }, alarmRaisedTime: isoFromNow(-20_000) });
    const b = await create({ perceivedSeverity: 'minor', alarmedObject: { id: object }, alarmRaisedTime: isoFromNow(-20_000) });
    const other = await create({ perceivedSeverity: 'critical' });

    const engBefore = await points('p-eng');
    const ack = await post<AckAlarmsTask>('/ackAlarms', sampleAckAlarms([{ alarmedObject: { id: object }, perceivedSeverity: 'critical' }]));
    expect(ack.status).toBe(201);
    expect(ack.body).toMatchObject({ '@type': 'AckAlarms', state: 'done', ackUserId: 'eng', ackSystemId: 'oss-console' });
    expect(ack.body.ackedAlarm).toEqual([{ id: a.id, href: a.href, '@referredType': 'Alarm' }]);
    // credited to eng: the acknowledgement's points wait for eng's follow-up on the alarm
    const pending = [...(await t.server.repos.workItems.list({ state: 'open', limit: 500, stream: 'alarm' }))].flatMap((r) => r.item.pendingAwards ?? []);
    expect(pending.some((p) => p.award.personId === 'p-eng' && p.award.ruleId === 'alarm.acknowledge')).toBe(true);
    expect(await points('p-eng')).toBeGreaterThanOrEqual(engBefore);
    expect((await get<TmfAlarm>(`/alarm/${a.id}`)).body).toMatchObject({ ackState: 'acknowledged', ackUserId: 'eng', ackSystemId: 'oss-console' });
    expect((await get<TmfAlarm>(`/alarm/${other.id}`)).body.ackState).toBe('unacknowledged');

    // Already acknowledged alarms are skipped, not an error.
    const again = await post<AckAlarmsTask>('/ackAlarms', sampleAckAlarms([{ id: Number(a.id) }, { id: b.id }]));
    expect(again.status).toBe(201);
    expect(again.body.ackedAlarm.map((r) => r.id)).toEqual([b.id]);

    const clear = await post<ClearAlarmsTask>('/clearAlarms', sampleClearAlarms([{ alarmedObject: { id: object } }], { clearUserId: undefined, clearSystemId: 'auto-heal' }));
    expect(clear.status).toBe(201);
    expect(clear.body).toMatchObject({ '@type': 'ClearAlarms', state: 'done', clearSystemId: 'auto-heal' });
    expect(clear.body.clearedAlarm.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const clearedA = (await get<TmfAlarm>(`/alarm/${a.id}`)).body;
    expect(clearedA).toMatchObject({ state: 'cleared', clearSystemId: 'auto-heal' });
    expect(clearedA.clearUserId).toBeUndefined();

    const none = await post<ClearAlarmsTask>('/clearAlarms', sampleClearAlarms([{ alarmedObject: { id: object } }]));
    expect(none.body.clearedAlarm).toEqual([]);
  });

  it('task bodies with an empty, unknown or missing pattern are 400 and store nothing', async () => {
    const before = await eventCount();
    for (const [path, body, field] of [
      ['/ackAlarms', sampleAckAlarms([{}]), 'body.alarmPattern.0'],
      ['/ackAlarms', sampleAckAlarms([{ alarmType: 'x' }]), 'body.alarmPattern.0.alarmType'],
      ['/ackAlarms', sampleAckAlarms([]), 'body.alarmPattern'],
      ['/clearAlarms', { clearUserId: 'eng' }, 'body.alarmPattern'],
      ['/clearAlarms', sampleClearAlarms([{ state: 'gone' }]), 'body.alarmPattern.0.state'],
    ] as const) {
      const res = await post<unknown>(path, body);
      expect(res.status, field).toBe(400);
      expect(fieldPaths(res.body), field).toContain(field);
    }
    expect(await eventCount()).toBe(before);
  });

  it('listener: create, state change and attribute change notifications become events; a redelivery is a duplicate', async () => {
    const nmsId = uniqueKey('NMS');
    const alarm = { id: nmsId, sourceSystemId: 'nms-west', perceivedSeverity: 'major', probableCause: 'PowerFailure', alarmedObject: { id: 'WST-1' }, alarmType: 'EquipmentAlarm', state: 'raised', alarmRaisedTime: isoFromNow(-60_000) };
    const created = sampleNotification('AlarmCreateEvent', alarm);
    const first = await post<ListenerResult>('/listener/alarmCreateEvent', created);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'stored', applied: true });
    const itemKey = `alarm:nms-west:${nmsId}`;
    expect((await t.server.repos.workItems.findByKey(itemKey))?.item.severity).toBe('major');

    const before = await eventCount();
    const redelivered = await post<ListenerResult>('/listener/alarmCreateEvent', created);
    expect(redelivered.status).toBe(201);
    expect(redelivered.body.status).toBe('duplicate');
    expect(await eventCount()).toBe(before);

    const avc = await post<ListenerResult>('/listener/alarmAttributeValueChangeEvent', sampleNotification('AlarmAttributeValueChangeEvent', { ...alarm, perceivedSeverity: 'critical', alarmDetails: 'rectifier down' }));
    expect(avc.body.applied).toBe(true);
    const id = avc.body.alarm?.id ?? '';
    expect((await get<TmfAlarm>(`/alarm/${id}`)).body).toMatchObject({ perceivedSeverity: 'critical', state: 'updated', alarmDetails: 'rectifier down', externalAlarmId: nmsId, sourceSystemId: 'nms-west' });

    const engBefore = await points('p-eng');
    const ack = await post<ListenerResult>('/listener/alarmStateChangeEvent', sampleNotification('AlarmStateChangeEvent', { ...alarm, ackState: 'acknowledged', ackUserId: 'eng' }));
    expect(ack.body).toMatchObject({ status: 'stored', applied: true });
    const acked = (await t.server.repos.workItems.findByKey(itemKey))?.item;
    expect(acked?.ackState).toBe('acknowledged');
    // credited to eng: the points wait for eng's follow-up (an acknowledgement pays once work follows)
    expect(acked?.pendingAwards?.map((p) => [p.award.personId, p.award.ruleId])).toEqual([['p-eng', 'alarm.acknowledge']]);
    expect(await points('p-eng')).toBeGreaterThanOrEqual(engBefore);

    const clear = sampleNotification('AlarmStateChangeEvent', { ...alarm, ackState: 'acknowledged', state: 'cleared', alarmClearedTime: isoFromNow(-500) });
    expect((await post<ListenerResult>('/listener/alarmStateChangeEvent', clear)).body.applied).toBe(true);
    expect((await get<TmfAlarm>(`/alarm/${id}`)).body.state).toBe('cleared');
    const dup = await post<ListenerResult>('/listener/alarmStateChangeEvent', clear);
    expect(dup.body.status).toBe('duplicate');

    // A second clear under a new eventId is logged but cannot apply (the NMS is the system of record: still 201).
    const late = await post<ListenerResult>('/listener/alarmStateChangeEvent', sampleNotification('AlarmStateChangeEvent', { ...alarm, state: 'cleared' }));
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ status: 'stored', applied: false });
  });

  it('listener: malformed envelopes are 400 naming the field, and store nothing', async () => {
    const before = await eventCount();
    for (const [path, body, field] of [
      ['/listener/alarmCreateEvent', { eventId: 'x1', eventType: 'AlarmCreateEvent' }, 'body.event'],
      ['/listener/alarmCreateEvent', sampleNotification('AlarmCreateEvent', { perceivedSeverity: 'major' }), 'body.event.alarm.id'],
      ['/listener/alarmCreateEvent', sampleNotification('AlarmStateChangeEvent', { id: 'n1' }), 'body.eventType'],
      ['/listener/alarmStateChangeEvent', sampleNotification('AlarmStateChangeEvent', { id: 'n1', ackState: 'sort-of' }), 'body.event.alarm.ackState'],
      ['/listener/alarmAttributeValueChangeEvent', { ...sampleNotification('AlarmAttributeValueChangeEvent', { id: 'n1' }), eventTime: 'now' }, 'body.eventTime'],
    ] as const) {
      const res = await post<unknown>(path, body);
      expect(res.status, field).toBe(400);
      expect(fieldPaths(res.body), field).toContain(field);
    }
    expect(await eventCount()).toBe(before);
  });
});
