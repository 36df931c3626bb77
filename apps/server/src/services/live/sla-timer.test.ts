import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkActionResult, WorkItemView } from '@opsquest/contracts';
import type { StoredEvent } from '../ports/events-store';
import { getJson, postJson, uniqueKey, waitFor } from '../../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../../test-support/test-server';

const MIN = 60_000;
/** critical alarms: respond within 15 min, resolve within 240 */
const CRITICAL_RESPONSE_MS = 15 * MIN;

const slaEvents = async (t: TestServer, itemKey: string): Promise<StoredEvent[]> =>
  (await t.server.repos.events.listForItem(itemKey)).filter((e) => e.event.transition === 'slaAtRisk' || e.event.transition === 'slaBreached');

async function raiseCritical(t: TestServer, externalKey: string, raisedAt: number): Promise<number> {
  const res = await postEvents(t.url, {
    source: 'nms',
    stream: 'alarm',
    externalKey,
    transition: 'raised',
    occurredAt: new Date(raisedAt).toISOString(),
    attributes: { perceivedSeverity: 'critical', title: `LinkDown ${externalKey}` },
  });
  expect(res.status).toBe(201);
  const record = await t.server.repos.workItems.findByKey(`alarm:nms:${externalKey}`);
  if (!record) throw new Error('alarm not stored');
  return record.id;
}

describe('the SLA timer', () => {
  let t: TestServer;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestServer();
    cookie = await login(t.url, 'eng');
  });
  afterAll(async () => {
    await t.close();
  });

  it('flags an overdue alarm at risk and breached with no further event, timed at the due instants', async () => {
    const key = uniqueKey('SLA');
    const raisedAt = Date.now() - 20 * MIN;
    const id = await raiseCritical(t, key, raisedAt);

    const view = await waitFor(
      async () => {
        const res = await getJson<WorkItemView>(t.url, `/api/work-items/${id}`, { cookie });
        const breachedEvent = (await slaEvents(t, `alarm:nms:${key}`)).some((e) => e.event.transition === 'slaBreached');
        return res.body.sla.response.breached && breachedEvent ? res.body : undefined;
      },
      'the timer to record the response breach',
      3000,
    );
    expect(view.sla.response).toMatchObject({ breached: true, atRisk: false, paused: false });
    expect(view.sla.resolution).toMatchObject({ breached: false, atRisk: false });
    expect(view.open).toBe(true);

    const events = await slaEvents(t, `alarm:nms:${key}`);
    expect(events.map((e) => [e.event.transition, e.event.attributes?.slaTarget, e.event.occurredAt, e.via, e.applied])).toEqual([
      ['slaAtRisk', 'response', new Date(raisedAt + 0.75 * CRITICAL_RESPONSE_MS).toISOString(), 'sla-timer', true],
      ['slaBreached', 'response', new Date(raisedAt + CRITICAL_RESPONSE_MS).toISOString(), 'sla-timer', true],
    ]);
    expect(events.every((e) => e.event.actor === undefined)).toBe(true);
    const stored = (await t.server.repos.workItems.findById(id))?.item.sla;
    expect(stored?.response).toMatchObject({ atRiskFlagged: true, breachFlagged: true });
    expect(stored?.resolution).toMatchObject({ atRiskFlagged: false, breachFlagged: false });

    // later passes add nothing: the flags are idempotent
    const count = await t.server.repos.events.count();
    await new Promise((r) => setTimeout(r, 500));
    expect(await t.server.repos.events.count()).toBe(count);
  });

  it('a clear after the resolution target earns no points, a timely one does', async () => {
    const late = await raiseCritical(t, uniqueKey('LATE'), Date.now() - 5 * 60 * MIN);
    await waitFor(
      async () => ((await t.server.repos.workItems.findById(late))?.item.sla.resolution.breachFlagged ? true : undefined),
      'the resolution breach',
      3000,
    );
    const before = (await t.server.repos.ledger.totalsByPerson()).get('p-eng') ?? 0;
    const res = await postJson<WorkActionResult>(t.url, `/api/work-items/${late}/actions`, { action: 'clear' }, { cookie });
    expect(res.status).toBe(200);
    expect(res.body.item).toMatchObject({ status: 'cleared', open: false });
    expect(res.body.item.sla.resolution).toMatchObject({ outcome: 'breached', breached: true });
    expect(res.body.awarded).toEqual([]);
    expect((await t.server.repos.ledger.totalsByPerson()).get('p-eng') ?? 0).toBe(before);

    // the control: the same clear within the target pays
    const timely = await raiseCritical(t, uniqueKey('TIMELY'), Date.now() - MIN);
    const ok = await postJson<WorkActionResult>(t.url, `/api/work-items/${timely}/actions`, { action: 'clear' }, { cookie });
    expect(ok.body.item.sla.resolution.outcome).toBe('met');
    expect(ok.body.awarded.find((e) => e.ruleId === 'alarm.clear')?.points).toBeGreaterThan(0);
  });
});

describe('the SLA timer across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-sla-restart-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a breach that fell due while the server was down, at the due time', async () => {
    const key = uniqueKey('DOWN');
    const itemKey = `alarm:nms:${key}`;
    const dueAt = Date.now() + 1500;
    const first = await startTestServer({ dir });
    try {
      const id = await raiseCritical(first, key, dueAt - CRITICAL_RESPONSE_MS);
      expect((await first.server.repos.workItems.findById(id))?.item.sla.response.dueAt).toBe(dueAt);
      // the at-risk point has passed already: the timer flags it while we are up
      await waitFor(async () => ((await slaEvents(first, itemKey)).length > 0 ? true : undefined), 'the at-risk flag', 3000);
      expect((await slaEvents(first, itemKey)).map((e) => e.event.transition)).toEqual(['slaAtRisk']);
    } finally {
      await first.close();
    }

    await waitFor(() => (Date.now() > dueAt + 50 ? true : undefined), 'the due time to pass', 4000, 50);

    const second = await startTestServer({ dir, people: false });
    try {
      const breach = await waitFor(
        async () => (await slaEvents(second, itemKey)).find((e) => e.event.transition === 'slaBreached'),
        'the breach after the restart',
        3000,
      );
      expect(breach.event.occurredAt).toBe(new Date(dueAt).toISOString());
      expect(breach).toMatchObject({ via: 'sla-timer', applied: true });
      expect(breach.receivedAt).toBeGreaterThan(dueAt);
      expect((await slaEvents(second, itemKey)).map((e) => e.event.transition)).toEqual(['slaAtRisk', 'slaBreached']);

      // the people, their passwords and the item survived too
      const cookie = await login(second.url, 'eng');
      const id = (await second.server.repos.workItems.findByKey(itemKey))?.id;
      const view = await getJson<WorkItemView>(second.url, `/api/work-items/${id}`, { cookie });
      expect(view.status).toBe(200);
      expect(view.body.sla.response).toMatchObject({ breached: true, dueAt: new Date(dueAt).toISOString() });
      expect((await second.server.repos.workItems.findByKey(itemKey))?.item.sla.response.breachFlagged).toBe(true);
    } finally {
      await second.close();
    }
  });
});
