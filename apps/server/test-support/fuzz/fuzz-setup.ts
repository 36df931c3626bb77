import type { LogFn } from 'pino';
import { getJson, postJson, uniqueKey } from '../http';
import { login, postEvents, startTestServer, TEST_API_KEY, TEST_PEOPLE, type TestServer, type TestServerOptions } from '../test-server';
import type { Credentials } from './fuzz-client';
import type { FuzzUser, HintKind } from './fuzz-targets';

/** A server for fuzzing: real, on a temp SQLite file, with sessions for every role and a few real rows to aim at. */
export interface FuzzServer {
  t: TestServer;
  creds: Credentials;
  /** real ids per kind, for path parameters */
  hints: Record<HintKind, string[]>;
  /** strings that mean something to the server (usernames, person and team ids) */
  strings: string[];
  /** what the server logged as errors (the stack of every 500), read after the run */
  serverErrors: string[];
}

const USERS: readonly FuzzUser[] = ['eng', 'eng2', 'tech', 'lead', 'admin'];

function idOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('id' in body)) return undefined;
  const id = (body as { id: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

export async function startFuzzServer(options: TestServerOptions = {}): Promise<FuzzServer> {
  const t = await startTestServer(options);
  // The fuzz client keeps connections alive; under load, Node's 5 s idle close could race a request
  // about to reuse the socket (ECONNRESET in the client, nothing wrong in the server), so idle sockets live longer here.
  t.server.httpServer.keepAliveTimeout = 60_000;
  const serverErrors: string[] = [];
  // The error handler logs every 500 with its error through the root logger: keep them, with stacks.
  const record: LogFn = (...args: unknown[]) => {
    const [first, second] = args;
    // pino-http repeats every 500 as "request errored" without the cause: the error handler's entry has the stack
    if (second === 'request errored') return;
    const err = typeof first === 'object' && first !== null && 'err' in first ? (first as { err: unknown }).err : first;
    serverErrors.push(`${typeof second === 'string' ? second : ''} ${err instanceof Error ? (err.stack ?? err.message) : JSON.stringify(err)}`.trim());
  };
  t.server.log.error = record;
  t.server.log.fatal = record;

  const cookies: Partial<Record<FuzzUser, string>> = {};
  for (const u of USERS) cookies[u] = await login(t.url, u);
  const creds: Credentials = { url: t.url, cookies };
  const hints: Record<HintKind, string[]> = { person: TEST_PEOPLE.map((p) => p.id), workItem: [], mission: [], proposal: [], webhook: [], apiKey: [], held: [], tmfAlarm: [], hub: [] };

  // a few open work items of each stream
  const at = new Date(Date.now() - 5 * 60_000).toISOString();
  const events = [
    ...['A', 'B', 'C'].map((k) => ({ source: 'nms', stream: 'alarm', externalKey: uniqueKey(`FZ-AL-${k}`), transition: 'raised', occurredAt: at, attributes: { perceivedSeverity: 'major', title: `Fuzz alarm ${k}`, site: 'SITE-1' } })),
    { source: 'bss', stream: 'order', externalKey: uniqueKey('FZ-ORD'), transition: 'acknowledged', occurredAt: at, attributes: { priority: 1 } },
    { source: 'fsm', stream: 'truckroll', externalKey: uniqueKey('FZ-TR'), transition: 'open', occurredAt: at, attributes: { technician: 'tech', site: 'SITE-2' } },
  ];
  const posted = await postEvents(t.url, events);
  if (posted.status !== 201) throw new Error(`fuzz set-up: events ${posted.status} ${await posted.text()}`);
  const items = await getJson<{ items: { id: number }[] }>(t.url, '/api/work-items?state=all', { cookie: cookies.eng });
  hints.workItem = items.body.items.map((i) => String(i.id));

  const templates = await getJson<{ templates: { id: string }[] }>(t.url, '/api/missions/templates', { cookie: cookies.lead });
  const templateId = templates.body.templates[0]?.id;
  if (templateId) {
    const m = await postJson(t.url, '/api/missions', { templateId }, { cookie: cookies.lead });
    const mid = idOf(m.body);
    if (mid) hints.mission.push(mid);
    for (const who of ['eng', 'tech'] as const) {
      const p = await postJson(t.url, '/api/proposals/missions', { templateId }, { cookie: cookies[who] });
      const pid = idOf(p.body);
      if (pid) hints.proposal.push(pid);
    }
  }
  for (let i = 0; i < 2; i += 1) {
    const w = await postJson(t.url, '/api/admin/webhooks', { name: `fuzz hook ${i}`, url: 'http://127.0.0.1:9/hook', events: ['points.awarded'] }, { cookie: cookies.admin });
    const wid = idOf(w.body);
    if (wid) hints.webhook.push(wid);
    const k = await postJson(t.url, '/api/admin/api-keys', { name: `fuzz key ${i}`, scopes: ['events:write'] }, { cookie: cookies.admin });
    const kid = idOf(k.body);
    if (kid) hints.apiKey.push(kid);
  }
  const api = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };
  for (const k of ['X', 'Y']) {
    const alarm = await postJson(t.url, '/tmf-api/alarm/v4/alarm', { alarmType: 'equipmentAlarm', perceivedSeverity: 'major', probableCause: 'lossOfSignal', alarmedObject: { id: `FZ-OBJ-${k}` }, sourceSystemId: 'fuzz-nms', state: 'raised', alarmRaisedTime: at, externalAlarmId: uniqueKey(`FZ-TMF-${k}`) }, api);
    const aid = idOf(alarm.body);
    if (aid) hints.tmfAlarm.push(aid);
    const hub = await postJson(t.url, '/tmf-api/alarm/v4/hub', { callback: 'http://127.0.0.1:9/listener' }, api);
    const hid = idOf(hub.body);
    if (hid) hints.hub.push(hid);
  }
  for (const [kind, ids] of Object.entries(hints)) if (ids.length === 0 && kind !== 'held') throw new Error(`fuzz set-up: no ${kind} ids`);
  const heldNow = await getJson<{ held: { entryId: string }[] }>(t.url, '/api/review/held', { cookie: cookies.admin });
  hints.held = heldNow.body.held.map((h) => h.entryId);

  const strings = [...TEST_PEOPLE.flatMap((p) => [p.id, p.username, ...(p.teamId ? [p.teamId] : [])]), ...hints.mission, ...hints.proposal, 'SITE-1', 'equipmentAlarm'];
  return { t, creds, hints, strings, serverErrors };
}
