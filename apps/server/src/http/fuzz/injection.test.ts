import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY } from '../../../test-support/test-server';
import { SCRIPT_INJECTIONS, SQL_INJECTIONS } from '../../../test-support/fuzz/fuzz-arbitraries';
import { sendFuzz, type FuzzRequest } from '../../../test-support/fuzz/fuzz-client';
import { startFuzzServer, type FuzzServer } from '../../../test-support/fuzz/fuzz-setup';
import type { FuzzAuth } from '../../../test-support/fuzz/fuzz-targets';

/**
 * SQL and script injection in every stored free-text field: each is stored and read back through
 * the API byte for byte, as JSON text (never HTML), and the tables are all still there.
 * (That the SPA renders these strings inert is checked by the browser tests.)
 */

const INJECTIONS: readonly string[] = [...SQL_INJECTIONS, ...SCRIPT_INJECTIONS];

let fz: FuzzServer;
let templateId = '';
let tablesBefore: string[] = [];
let peopleBefore = 0;

/** Sends JSON (or nothing) and returns the parsed answer; every answer must be JSON, never HTML. */
async function call<T>(auth: FuzzAuth, method: string, path: string, value?: unknown): Promise<{ status: number; body: T }> {
  const req: FuzzRequest = { method, path, auth, body: value === undefined ? { kind: 'none' } : { kind: 'json', value } };
  const res = await sendFuzz(fz.creds, req, { readAll: true });
  const text = res.text ?? '';
  if (res.status === 204) return { status: res.status, body: undefined as T };
  expect(res.contentType, `${method} ${path}`).toMatch(/^application\/json/);
  expect(text).not.toMatch(/^\s*</);
  return { status: res.status, body: JSON.parse(text) as T };
}

async function ok<T>(auth: FuzzAuth, method: string, path: string, value?: unknown): Promise<T> {
  const res = await call<T>(auth, method, path, value);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(300);
  return res.body;
}

const tables = (): string[] =>
  (fz.t.server.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const countOf = (table: string): number => (fz.t.server.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeAll(async () => {
  // a burst is a second scored action within the hour, so held points exist to decide with a reason
  fz = await startFuzzServer({ engine: { burst: { minPerHour: 1, factor: 1 } } });
  const templates = await ok<{ templates: { id: string }[] }>('lead', 'GET', '/api/missions/templates');
  templateId = templates.templates[0]?.id ?? '';
  expect(templateId).not.toBe('');
  tablesBefore = tables();
  peopleBefore = countOf('people');
  expect(tablesBefore).toEqual(expect.arrayContaining(['events', 'people', 'ledger', 'work_items']));
});
afterAll(async () => {
  await fz?.t.close();
});

describe.each(INJECTIONS.map((text, i) => ({ text, i })))('injection $i: $text', ({ text, i }) => {
  it('kudos message', async () => {
    // three kudos a day per giver: the strings are spread over three givers
    const pairs = [['eng', 'eng2', 'p-eng2'], ['eng2', 'eng', 'p-eng'], ['lead', 'eng', 'p-eng']] as const;
    const [giver, to, toId] = pairs[i % 3] ?? pairs[0];
    await ok(giver, 'POST', '/api/kudos', { toPersonId: toId, message: text });
    const list = await ok<{ received: { message: string }[] }>(to, 'GET', `/api/kudos?personId=${toId}`);
    expect(list.received.map((k) => k.message)).toContain(text);
  });

  it('mission title and description (a lead creates, an engineer reads)', async () => {
    const created = await ok<{ id: string }>('lead', 'POST', '/api/missions', { templateId, title: text, description: text });
    const seen = await ok<{ title: string; description: string }>('eng', 'GET', `/api/missions/${encodeURIComponent(created.id)}`);
    expect([seen.title, seen.description]).toEqual([text, text]);
    const edited = await ok<{ id: string }>('lead', 'POST', `/api/missions/${encodeURIComponent(created.id)}/versions`, { description: `${text} v2` });
    const again = await ok<{ description: string }>('eng', 'GET', `/api/missions/${encodeURIComponent(edited.id)}`);
    expect(again.description).toBe(`${text} v2`);
  });

  it('mission and badge proposals, and the reason of the decision', async () => {
    const mission = await ok<{ id: string }>('tech', 'POST', '/api/proposals/missions', { templateId, title: text, description: text });
    const badge = await ok<{ id: string }>('eng', 'POST', '/api/proposals/badges', { name: `${text}`.slice(0, 60), description: text, icon: 'flame', criteria: { effect: 'resolved', counting: 'count' }, threshold: 5, bonusPoints: 5 });
    await ok('admin', 'POST', `/api/proposals/${encodeURIComponent(mission.id)}/reject`, { reason: text });
    await ok('lead', 'POST', `/api/proposals/${encodeURIComponent(badge.id)}/reject`, { reason: text });
    const list = await ok<{ proposals: { id: string; title: string; reason?: string; mission?: { description?: string }; badge?: { description: string } }[] }>('admin', 'GET', '/api/proposals?status=all');
    const m = list.proposals.find((p) => p.id === mission.id);
    const b = list.proposals.find((p) => p.id === badge.id);
    expect([m?.title, m?.mission?.description, m?.reason]).toEqual([text, text, text]);
    expect([b?.title, b?.badge?.description, b?.reason]).toEqual([text.slice(0, 60), text, text]);
  });

  it('adjustment reason (audit log and ledger)', async () => {
    await ok('lead', 'POST', '/api/people/p-eng/adjustments', { points: 1 + i, reason: text });
    const audit = await ok<{ entries: { reason: string | null }[] }>('lead', 'GET', '/api/audit?action=points.adjusted&limit=500');
    expect(audit.entries.map((e) => e.reason)).toContain(text);
    const person = await ok<{ history: { reason: string }[] }>('lead', 'GET', '/api/people/p-eng');
    expect(person.history.some((h) => h.reason.endsWith(`: ${text}`))).toBe(true);
  });

  it('event fields through /api/events (alarm text, site, object, cause, customer)', async () => {
    const externalKey = `${text} #${i}`;
    const attributes = { title: text, site: text, region: text, alarmedObject: text, probableCause: text, specificProblem: text, customer: text, perceivedSeverity: 'minor' };
    await ok('apiKey', 'POST', '/api/events', { source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt: new Date().toISOString(), attributes });
    const items = await ok<{ items: { id: number; externalKey: string; title: string; site?: string; region?: string; alarmedObject?: string; probableCause?: string; customer?: string }[] }>('eng', 'GET', '/api/work-items?state=all&limit=500');
    const item = items.items.find((x) => x.externalKey === externalKey);
    expect(item).toBeDefined();
    expect([item?.title, item?.site, item?.region, item?.alarmedObject, item?.probableCause, item?.customer]).toEqual([text, text, text, text, text, text]);
    const one = await ok<{ externalKey: string; title: string }>('eng', 'GET', `/api/work-items/${item?.id ?? 0}`);
    expect([one.externalKey, one.title]).toEqual([externalKey, text]);
  });

  it('TMF642 alarm text', async () => {
    const created = await ok<{ id: string }>('apiKey', 'POST', '/tmf-api/alarm/v4/alarm', {
      alarmType: 'equipmentAlarm',
      perceivedSeverity: 'minor',
      probableCause: text,
      specificProblem: text,
      alarmDetails: text,
      alarmedObject: { id: `${text} obj ${i}` },
      sourceSystemId: 'inj-nms',
      state: 'raised',
      alarmRaisedTime: new Date().toISOString(),
    });
    const alarm = await ok<{ probableCause: string; specificProblem: string; alarmDetails: string; alarmedObject: { id: string } }>('apiKey', 'GET', `/tmf-api/alarm/v4/alarm/${encodeURIComponent(created.id)}`);
    expect([alarm.probableCause, alarm.specificProblem, alarm.alarmDetails, alarm.alarmedObject.id]).toEqual([text, text, text, `${text} obj ${i}`]);
  });

  it('review reason on held points', async () => {
    // two clears within the hour: the second is a burst, held for the lead
    const raise = async (n: number): Promise<number> => {
      const externalKey = `INJ-HELD-${i}-${n}`;
      await ok('apiKey', 'POST', '/api/events', { source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt: new Date(Date.now() - 60_000).toISOString(), attributes: { perceivedSeverity: 'major' } });
      const items = await ok<{ items: { id: number; externalKey: string }[] }>('eng2', 'GET', '/api/work-items?state=all&limit=500');
      return items.items.find((x) => x.externalKey === externalKey)?.id ?? 0;
    };
    for (const n of [1, 2]) await ok('eng2', 'POST', `/api/work-items/${await raise(n)}/actions`, { action: 'clear' });
    const held = await ok<{ held: { entryId: string; personId: string; status: string }[] }>('lead', 'GET', '/api/review/held');
    const mine = held.held.find((h) => h.personId === 'p-eng2' && h.status === 'held');
    expect(mine).toBeDefined();
    const decision = i % 2 === 0 ? 'release' : 'reject';
    await ok('lead', 'POST', `/api/review/held/${encodeURIComponent(mine?.entryId ?? '')}/${decision}`, { reason: text });
    const withheld = await ok<{ withheld: { entryId: string; decisionReason?: string }[] }>('eng2', 'GET', '/api/me/withheld');
    expect(withheld.withheld.find((w) => w.entryId === mine?.entryId)?.decisionReason).toBe(text);
  });

  it('rule set publish reason', async () => {
    await ok('admin', 'POST', '/api/rules/publish', { draft: { flapWindowMinutes: 20 + i }, reason: text });
    const rules = await ok<{ current: { reason: string }; history: { reason: string }[] }>('lead', 'GET', '/api/rules');
    expect(rules.current.reason).toBe(text);
  });
});

describe('after the injections', () => {
  it('still has every table and every person, and answers', async () => {
    expect(tables()).toEqual(tablesBefore);
    expect(countOf('people')).toBe(peopleBefore);
    expect(countOf('events')).toBeGreaterThanOrEqual(INJECTIONS.length * 3);
    expect(countOf('kudos')).toBe(INJECTIONS.length);
    const health = await fetch(`${fz.t.url}/api/health`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(health.status).toBe(200);
    expect(fz.serverErrors, fz.serverErrors.join('\n\n')).toEqual([]);
  });
});
