import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_SCOPES, type ApiKeyScope, type CreatedApiKey, type MasteryView, type MeView, type ProposalView, type RulesView, type WithheldAwardView, type WorkItemTimeline } from '@opsquest/contracts';
import { sampleAckAlarms, sampleAlarmCreate, sampleClearAlarms, sampleNotification } from '../integrations/tmf642/tmf642.fixtures';
import { fieldPaths, getJson, isoFromNow, requestHeaders, sendJson, uniqueKey, type JsonResponse, type RequestOptions } from '../testing/http';
import { listApiRoutes } from '../testing/route-list';
import { login, postEvents, startTestServer, TEST_API_KEY, type TestServer } from '../testing/test-server';
import { MATRIX_PRINCIPALS, PERSON_PRINCIPALS, ROUTE_POLICY, routeKey, type MatrixCell, type MatrixPrincipal, type PersonPrincipal, type RoutePolicy } from './access-matrix';

/**
 * The authorisation matrix against the real server: every registered route, every principal, each
 * cell as ROUTE_POLICY says. 'own-team' and 'self' cells are checked both ways (own: allowed, other:
 * 403). The requests are real and, where cheap, valid, so an allowed cell mostly reaches a 2xx.
 */

const TMF642 = '/tmf-api/alarm/v4';
const TMF622 = '/tmf-api/productOrderingManagement/v4';

const USERNAME: Record<PersonPrincipal, string> = { engineer: 'eng', technician: 'tech', lead: 'lead', admin: 'admin' };

type Variant = 'own' | 'other';

interface ProbeContext {
  as: MatrixPrincipal;
  variant: Variant;
}

interface RequestSpec {
  path: string;
  body?: unknown;
  contentType?: string;
  /** log in again for this request (logout ends the session it is sent with) */
  freshSession?: boolean;
  /** the credentials this request is sent with, instead of the principal's usual ones (hub ownership) */
  bearer?: string;
}

type Probe = (ctx: ProbeContext) => RequestSpec | Promise<RequestSpec>;

function isPerson(p: MatrixPrincipal): p is PersonPrincipal {
  return (PERSON_PRINCIPALS as readonly string[]).includes(p);
}

/** The person a person-scoped request is about: own (self or own team) or other, per the caller. */
function targetPerson({ as, variant }: ProbeContext): string {
  if (as === 'engineer') return variant === 'own' ? 'p-eng' : 'p-eng2';
  if (as === 'technician') return variant === 'own' ? 'p-tech' : 'p-eng';
  if (as === 'lead') return variant === 'own' ? 'p-eng' : 'p-tech';
  if (as === 'admin') return 'p-tech';
  return 'p-eng';
}

function targetTeam({ as, variant }: ProbeContext): string {
  if (as === 'admin') return 't-field';
  if (as === 'technician') return 't-field';
  return variant === 'own' ? 't-noc' : 't-field';
}

describe('authorisation matrix: every route x every principal (docs/SECURITY.md)', () => {
  let t: TestServer;
  const cookies = {} as Record<PersonPrincipal | 'eng2', string>;
  /** one key per scope, holding only that scope */
  const scopedKeys = {} as Record<ApiKeyScope, string>;
  /** held awards per person, taken one by one */
  const heldPool = new Map<string, string[]>();
  let flap = 700;
  let cellsChecked = 0;
  let requestsSent = 0;
  /** allowed answers that were not 2xx (fine for the matrix; listed so weak probes show) */
  const allowedNot2xx: string[] = [];

  const as = (who: PersonPrincipal | 'eng2'): RequestOptions => ({ cookie: cookies[who] });
  const ledgerTotal = (personId: string): number => t.server.repos.ledger.totalsByPerson().get(personId) ?? 0;

  async function createKey(name: string, scopes: ApiKeyScope[]): Promise<CreatedApiKey> {
    const res = await sendJson<CreatedApiKey>(t.url, 'POST', '/api/admin/api-keys', { name, scopes }, as('admin'));
    if (res.status !== 201) throw new Error(`creating key ${name}: ${res.status}`);
    return res.body;
  }

  async function events(body: unknown[]): Promise<void> {
    const res = await postEvents(t.url, body);
    if (res.status !== 201) throw new Error(`events: ${res.status} ${await res.text()}`);
  }

  async function workItem(stream: 'alarm' | 'truckroll', technician?: string): Promise<number> {
    const externalKey = uniqueKey(stream === 'alarm' ? 'MX-A' : 'MX-T');
    const source = stream === 'alarm' ? 'nms' : 'fsm';
    const transition = stream === 'alarm' ? 'raised' : 'open';
    const attributes = stream === 'alarm' ? { perceivedSeverity: 'major' } : { technician: technician ?? '', title: 'Matrix visit' };
    await events([{ source, stream, externalKey, transition, occurredAt: isoFromNow(-60_000), attributes }]);
    const id = t.server.repos.workItems.findByKey(`${stream}:${source}:${externalKey}`)?.id;
    if (id === undefined) throw new Error(`work item ${externalKey} not stored`);
    return id;
  }
  const alarm = () => workItem('alarm');
  const truckRoll = (technician: string) => workItem('truckroll', technician);

  function takeHeld(personId: string): string {
    const entry = heldPool.get(personId)?.shift();
    if (!entry) throw new Error(`no held award left for ${personId}`);
    return entry;
  }

  async function proposalBy(who: 'engineer' | 'technician'): Promise<string> {
    const res = await sendJson<ProposalView>(t.url, 'POST', '/api/proposals/missions', { templateId: 'critical-sla-week' }, as(who));
    if (res.status !== 201) throw new Error(`proposal by ${who}: ${res.status}`);
    return res.body.id;
  }

  async function missionFor(teamId: string): Promise<string> {
    const res = await sendJson<{ id: string }>(t.url, 'POST', '/api/missions', { templateId: 'critical-sla-week', audience: { kind: 'team', teamId } }, as('admin'));
    if (res.status !== 201) throw new Error(`mission for ${teamId}: ${res.status}`);
    return res.body.id;
  }

  async function webhook(): Promise<string> {
    const res = await sendJson<{ id: string }>(t.url, 'POST', '/api/admin/webhooks', { name: uniqueKey('hook'), url: 'http://127.0.0.1:9/hook', events: ['mission.completed'] }, as('admin'));
    if (res.status !== 201) throw new Error(`webhook: ${res.status}`);
    return res.body.id;
  }

  async function tmfAlarm(): Promise<{ id: string; externalAlarmId: string }> {
    const body = sampleAlarmCreate();
    const res = await sendJson<{ id: string }>(t.url, 'POST', `${TMF642}/alarm`, body, { headers: { authorization: `Bearer ${scopedKeys['tmf642:write']}` } });
    if (res.status !== 201) throw new Error(`tmf alarm: ${res.status}`);
    return { id: res.body.id, externalAlarmId: String(body.externalAlarmId) };
  }

  async function hubBy(key: string): Promise<string> {
    const res = await sendJson<{ id: string }>(t.url, 'POST', `${TMF642}/hub`, { callback: 'http://127.0.0.1:9/listener', query: 'eventType=AlarmCreateEvent' }, { headers: { authorization: `Bearer ${key}` } });
    if (res.status !== 201) throw new Error(`hub: ${res.status}`);
    return res.body.id;
  }

  const tmf622Envelope = (eventType: string, state: string) => ({
    eventId: uniqueKey('po-evt'),
    eventTime: isoFromNow(-1000),
    eventType,
    event: { productOrder: { id: uniqueKey('PO'), state, priority: '2', relatedParty: [{ id: 'eng', role: 'orderHandler', '@referredType': 'Individual' }] } },
  });

  /** How each route is called; a route without a probe fails the test, so new routes get one. */
  const PROBES: Record<string, Probe> = {
    'GET /api/health': () => ({ path: '/api/health' }),
    'POST /api/auth/login': () => ({ path: '/api/auth/login', body: { username: 'eng2', password: 'correct horse battery' } }),
    'POST /api/auth/logout': () => ({ path: '/api/auth/logout', body: {}, freshSession: true }),
    'GET /api/openapi.json': () => ({ path: '/api/openapi.json' }),
    'GET /api/docs': () => ({ path: '/api/docs' }),
    'GET /api/docs.css': () => ({ path: '/api/docs.css' }),

    'GET /api/me': () => ({ path: '/api/me' }),
    'GET /api/me/ledger': () => ({ path: '/api/me/ledger?limit=5' }),
    'GET /api/me/withheld': () => ({ path: '/api/me/withheld' }),
    'GET /api/me/participation': () => ({ path: '/api/me/participation' }),
    'PUT /api/me/participation': () => ({ path: '/api/me/participation', body: { publicBoards: true, showInFeed: true, acceptKudos: true } }),

    'GET /api/leaderboard': () => ({ path: '/api/leaderboard?window=week' }),
    'GET /api/leaderboard/settings': () => ({ path: '/api/leaderboard/settings' }),
    'PUT /api/leaderboard/settings': () => ({ path: '/api/leaderboard/settings', body: { tiers: false } }),
    'GET /api/feed': () => ({ path: '/api/feed?limit=5' }),
    'GET /api/stats': () => ({ path: '/api/stats' }),
    'GET /api/wall': () => ({ path: '/api/wall' }),
    'GET /api/teams': () => ({ path: '/api/teams' }),

    'POST /api/kudos': (ctx) => ({ path: '/api/kudos', body: { toPersonId: ctx.as === 'engineer' ? 'p-eng2' : ctx.as === 'technician' || ctx.as === 'lead' ? 'p-eng' : 'p-tech', message: 'Thanks for the handover' } }),
    'GET /api/kudos/budget': () => ({ path: '/api/kudos/budget' }),
    'GET /api/kudos': (ctx) => ({ path: `/api/kudos?personId=${targetPerson(ctx)}` }),

    'GET /api/people/:id': (ctx) => ({ path: `/api/people/${targetPerson(ctx)}` }),
    'POST /api/people/:id/adjustments': (ctx) => ({ path: `/api/people/${ctx.as === 'engineer' ? 'p-eng2' : targetPerson(ctx)}/adjustments`, body: { points: 3, reason: 'matrix check' } }),
    'GET /api/insights/me': () => ({ path: '/api/insights/me' }),
    'GET /api/insights/people/:id': (ctx) => ({ path: `/api/insights/people/${targetPerson(ctx)}` }),
    'GET /api/insights/engagement': (ctx) => ({ path: `/api/insights/engagement?teamId=${targetTeam(ctx)}` }),
    'GET /api/insights/outcomes': (ctx) => ({ path: `/api/insights/outcomes?teamId=${targetTeam(ctx)}` }),
    'GET /api/dashboard': (ctx) => ({ path: `/api/dashboard?days=7&teamId=${targetTeam(ctx)}` }),

    'GET /api/work-items': () => ({ path: '/api/work-items?limit=5' }),
    'GET /api/work-items/:id': async () => ({ path: `/api/work-items/${await alarm()}` }),
    'GET /api/work-items/:id/timeline': async () => ({ path: `/api/work-items/${await alarm()}/timeline` }),
    'POST /api/work-items/:id/actions': async (ctx) => {
      // technicians: their own truck-roll or another's; leads: one of their team's (eng2) or t-field's (tech)
      if (ctx.as === 'technician') return { path: `/api/work-items/${await truckRoll(ctx.variant === 'own' ? 'tech' : 'eng2')}/actions`, body: { action: 'dispatch' } };
      if (ctx.as === 'lead') return { path: `/api/work-items/${await truckRoll(ctx.variant === 'own' ? 'eng2' : 'tech')}/actions`, body: { action: 'dispatch' } };
      if (ctx.as === 'admin') return { path: `/api/work-items/${await truckRoll('tech')}/actions`, body: { action: 'dispatch' } };
      return { path: `/api/work-items/${await alarm()}/actions`, body: { action: 'comment', notes: 'Checked the optics' } };
    },
    'POST /api/work-items/bulk-actions': async () => ({ path: '/api/work-items/bulk-actions', body: { ids: [await alarm()], action: 'acknowledge' } }),

    'GET /api/missions': () => ({ path: '/api/missions' }),
    'GET /api/missions/templates': () => ({ path: '/api/missions/templates' }),
    'GET /api/missions/:id': async (ctx) => ({ path: `/api/missions/${await missionFor(ctx.as === 'technician' ? 't-field' : 't-noc')}` }),
    'POST /api/missions': (ctx) => ({ path: '/api/missions', body: { templateId: 'critical-sla-week', audience: { kind: 'team', teamId: targetTeam(ctx) } } }),
    'POST /api/missions/:id/versions': async (ctx) => ({ path: `/api/missions/${await missionFor(targetTeam(ctx))}/versions`, body: { target: 7 } }),
    'GET /api/proposals': () => ({ path: '/api/proposals' }),
    'POST /api/proposals/missions': () => ({ path: '/api/proposals/missions', body: { templateId: 'critical-sla-week' } }),
    'POST /api/proposals/badges': () => ({
      path: '/api/proposals/badges',
      body: { name: uniqueKey('Matrix badge'), description: 'Clear two major alarms.', icon: '🚀', criteria: { stream: 'alarm', effect: 'resolved', conditions: [{ kind: 'severityIn', values: ['major'] }], counting: 'count' }, threshold: 2, bonusPoints: 10 },
    }),
    // staff try their own proposal; a lead their team's (eng) or another team's (tech)
    'POST /api/proposals/:id/approve': async (ctx) => ({ path: `/api/proposals/${await proposalBy(proposerFor(ctx))}/approve`, body: { reason: 'Good idea' } }),
    'POST /api/proposals/:id/reject': async (ctx) => ({ path: `/api/proposals/${await proposalBy(proposerFor(ctx))}/reject`, body: { reason: 'Not this quarter' } }),

    'GET /api/rules': () => ({ path: '/api/rules' }),
    'POST /api/rules/preview': () => ({ path: '/api/rules/preview', body: { draft: { flapWindowMinutes: 30 } } }),
    'POST /api/rules/publish': () => ({ path: '/api/rules/publish', body: { draft: { flapWindowMinutes: (flap += 1) }, reason: 'matrix check' } }),
    'GET /api/audit': () => ({ path: '/api/audit?limit=5' }),
    'GET /api/review/held': () => ({ path: '/api/review/held' }),
    // staff try their own held points; a lead their team's (eng) or another team's (tech)
    'POST /api/review/held/:entryId/release': (ctx) => ({ path: `/api/review/held/${encodeURIComponent(takeHeld(heldOwner(ctx)))}/release`, body: { reason: 'Checked: real work' } }),
    'POST /api/review/held/:entryId/reject': (ctx) => ({ path: `/api/review/held/${encodeURIComponent(takeHeld(heldOwner(ctx)))}/reject`, body: { reason: 'Scripted clears' } }),

    'GET /api/admin/api-keys': () => ({ path: '/api/admin/api-keys' }),
    'POST /api/admin/api-keys': () => ({ path: '/api/admin/api-keys', body: { name: uniqueKey('matrix-key'), scopes: ['events:write'] } }),
    'POST /api/admin/api-keys/:id/revoke': async () => ({ path: `/api/admin/api-keys/${(await createKey(uniqueKey('revoke-me'), ['events:write'])).id}/revoke`, body: {} }),
    'GET /api/admin/webhooks': () => ({ path: '/api/admin/webhooks' }),
    'POST /api/admin/webhooks': () => ({ path: '/api/admin/webhooks', body: { name: uniqueKey('hook'), url: 'http://127.0.0.1:9/hook', events: ['mission.completed'] } }),
    'DELETE /api/admin/webhooks/:id': async () => ({ path: `/api/admin/webhooks/${await webhook()}` }),
    'GET /api/admin/webhooks/:id/deliveries': async () => ({ path: `/api/admin/webhooks/${await webhook()}/deliveries` }),

    'POST /api/events': () => ({ path: '/api/events', body: { source: 'nms', stream: 'alarm', externalKey: uniqueKey('MX-E'), transition: 'raised', occurredAt: isoFromNow(-5000), attributes: { perceivedSeverity: 'minor' } } }),
    'POST /api/import': () => ({
      path: '/api/import?dryRun=true',
      body: JSON.stringify({ source: 'nms', stream: 'alarm', externalKey: uniqueKey('MX-I'), transition: 'raised', occurredAt: isoFromNow(-86_400_000) }),
      contentType: 'application/x-ndjson',
    }),
    'POST /api/integrations/alertmanager': () => ({
      path: '/api/integrations/alertmanager',
      body: { version: '4', status: 'firing', alerts: [{ status: 'firing', labels: { alertname: 'LinkDown', severity: 'major', site: uniqueKey('SITE') }, startsAt: isoFromNow(-60_000) }] },
    }),
    'POST /api/integrations/workorder': () => ({ path: '/api/integrations/workorder', body: { workOrderId: uniqueKey('WO'), state: 'open', occurredAt: isoFromNow(-60_000), technician: 'tech' } }),
    [`POST ${TMF622}/listener/productOrderCreateEvent`]: () => ({ path: `${TMF622}/listener/productOrderCreateEvent`, body: tmf622Envelope('ProductOrderCreateEvent', 'acknowledged') }),
    [`POST ${TMF622}/listener/productOrderStateChangeEvent`]: () => ({ path: `${TMF622}/listener/productOrderStateChangeEvent`, body: tmf622Envelope('ProductOrderStateChangeEvent', 'inProgress') }),
    [`GET ${TMF642}/alarm`]: () => ({ path: `${TMF642}/alarm?limit=5` }),
    [`POST ${TMF642}/alarm`]: () => ({ path: `${TMF642}/alarm`, body: sampleAlarmCreate() }),
    [`GET ${TMF642}/alarm/:id`]: async () => ({ path: `${TMF642}/alarm/${(await tmfAlarm()).id}` }),
    [`PATCH ${TMF642}/alarm/:id`]: async () => ({ path: `${TMF642}/alarm/${(await tmfAlarm()).id}`, body: { ackState: 'acknowledged', ackUserId: 'eng' } }),
    [`POST ${TMF642}/ackAlarms`]: async () => ({ path: `${TMF642}/ackAlarms`, body: sampleAckAlarms([{ externalAlarmId: (await tmfAlarm()).externalAlarmId }]) }),
    [`POST ${TMF642}/clearAlarms`]: async () => ({ path: `${TMF642}/clearAlarms`, body: sampleClearAlarms([{ externalAlarmId: (await tmfAlarm()).externalAlarmId }]) }),
    [`POST ${TMF642}/hub`]: () => ({ path: `${TMF642}/hub`, body: { callback: 'http://127.0.0.1:9/listener', query: 'eventType=AlarmCreateEvent' } }),
    // a key removes the listener it registered; another key's (the all-scopes env key's) is not its to remove
    [`DELETE ${TMF642}/hub/:id`]: async (ctx) => ({ path: `${TMF642}/hub/${await hubBy(ctx.as === 'keyWithScope' && ctx.variant === 'own' ? scopedKeys['tmf642:write'] : TEST_API_KEY)}` }),
    [`POST ${TMF642}/listener/alarmCreateEvent`]: () => ({ path: `${TMF642}/listener/alarmCreateEvent`, body: sampleNotification('AlarmCreateEvent', { ...sampleAlarmCreate(), id: uniqueKey('nms-alarm') }) }),
    [`POST ${TMF642}/listener/alarmStateChangeEvent`]: () => ({ path: `${TMF642}/listener/alarmStateChangeEvent`, body: sampleNotification('AlarmStateChangeEvent', { ...sampleAlarmCreate(), id: uniqueKey('nms-alarm') }) }),
    [`POST ${TMF642}/listener/alarmAttributeValueChangeEvent`]: () => ({
      path: `${TMF642}/listener/alarmAttributeValueChangeEvent`,
      body: sampleNotification('AlarmAttributeValueChangeEvent', { ...sampleAlarmCreate(), id: uniqueKey('nms-alarm') }),
    }),
  };

  /** Whose proposal a decision names: staff their own, a lead their team's (eng) or t-field's (tech), an admin a technician's. */
  function proposerFor(ctx: ProbeContext): 'engineer' | 'technician' {
    if (ctx.as === 'technician' || ctx.as === 'admin') return 'technician';
    return ctx.as === 'lead' && ctx.variant === 'other' ? 'technician' : 'engineer';
  }

  /** Whose held award a review request names: staff their own, a lead their team's or t-field's, an admin an engineer's. */
  function heldOwner(ctx: ProbeContext): string {
    if (ctx.as === 'technician') return 'p-tech';
    if (ctx.as === 'lead') return ctx.variant === 'own' ? 'p-eng' : 'p-tech';
    return 'p-eng';
  }

  /** What a denied "other" case may answer: 403, or 404 where the resource is hidden from the caller. */
  const OTHER_DENIED: Record<string, number[]> = { [`DELETE ${TMF642}/hub/:id`]: [403, 404] };

  function otherScope(scope: ApiKeyScope): ApiKeyScope {
    const i = API_KEY_SCOPES.indexOf(scope);
    return API_KEY_SCOPES[(i + 1) % API_KEY_SCOPES.length] ?? 'events:write';
  }

  async function credentials(route: RoutePolicy, principal: MatrixPrincipal, spec: RequestSpec): Promise<RequestOptions> {
    if (principal === 'anonymous') return {};
    if (isPerson(principal)) return { cookie: spec.freshSession ? await login(t.url, USERNAME[principal]) : cookies[principal] };
    const key =
      principal === 'keyWithScope'
        ? route.auth.kind === 'apiKey'
          ? scopedKeys[route.auth.scope]
          : TEST_API_KEY
        : route.auth.kind === 'apiKey'
          ? scopedKeys[otherScope(route.auth.scope)]
          : scopedKeys['events:write'];
    return { headers: { authorization: `Bearer ${spec.bearer ?? key}` } };
  }

  async function call(route: RoutePolicy, principal: MatrixPrincipal, variant: Variant): Promise<JsonResponse<unknown>> {
    const probe = PROBES[routeKey(route)];
    if (!probe) throw new Error(`no probe for ${routeKey(route)}`);
    const spec = await probe({ as: principal, variant });
    const options = { ...(await credentials(route, principal, spec)), ...(spec.contentType ? { contentType: spec.contentType } : {}) };
    requestsSent += 1;
    const res = await fetch(`${t.url}${spec.path}`, {
      method: route.method,
      headers: requestHeaders(options, spec.body === undefined ? {} : { 'content-type': spec.contentType ?? 'application/json' }),
      ...(spec.body === undefined ? {} : { body: typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body) }),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      // HTML and CSS pages are not JSON
    }
    return { status: res.status, headers: res.headers, body };
  }

  const describeAnswer = (res: JsonResponse<unknown>): string => {
    const message = typeof res.body === 'object' && res.body !== null && 'message' in res.body ? String((res.body as { message: unknown }).message) : '';
    return `${res.status}${message ? ` (${message.slice(0, 120)})` : ''}`;
  };

  /** Checks one cell; returns the problems found (none: the cell holds). */
  async function checkCell(route: RoutePolicy, principal: MatrixPrincipal, cell: MatrixCell): Promise<string[]> {
    const where = `${routeKey(route)} as ${principal}`;
    const allowed = (res: JsonResponse<unknown>, label: string): string[] => {
      if (res.status === 401 || res.status === 403 || res.status >= 500) return [`${label}: expected allowed, got ${describeAnswer(res)}`];
      if (res.status >= 300) allowedNot2xx.push(`${label}: ${describeAnswer(res)}`);
      return [];
    };
    if (cell === 401 || cell === 403) {
      const res = await call(route, principal, 'own');
      return res.status === cell ? [] : [`${where}: expected ${cell}, got ${describeAnswer(res)}`];
    }
    if (cell === 'allow') return allowed(await call(route, principal, 'own'), where);
    const own = allowed(await call(route, principal, 'own'), `${where} (${cell}: own)`);
    const other = await call(route, principal, 'other');
    const denied = OTHER_DENIED[routeKey(route)] ?? [403];
    return [...own, ...(denied.includes(other.status) ? [] : [`${where} (${cell}: someone else's): expected ${denied.join(' or ')}, got ${describeAnswer(other)}`])];
  }

  beforeAll(async () => {
    // a burst is a 4th scored action in an hour, so held awards are cheap to make
    t = await startTestServer({ engine: { burst: { minPerHour: 3, factor: 3 } } });
    for (const who of ['engineer', 'technician', 'lead', 'admin'] as const) cookies[who] = await login(t.url, USERNAME[who]);
    cookies.eng2 = await login(t.url, 'eng2');
    for (const scope of API_KEY_SCOPES) scopedKeys[scope] = (await createKey(`matrix ${scope}`, [scope])).key;

    // held awards: three scored clears, then every further one in the hour is held for review
    // (review probes take one per request: every principal of both review routes, and the checks below)
    const wanted: Record<string, number> = { eng: 16, tech: 6, lead: 2, admin: 2 };
    const batch: unknown[] = [];
    for (const [username, count] of Object.entries(wanted)) {
      for (let i = 0; i < count + 3; i += 1) {
        const externalKey = uniqueKey(`MX-H-${username}`);
        batch.push({ source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt: isoFromNow(-120_000), attributes: { perceivedSeverity: 'major' } });
        batch.push({ source: 'nms', stream: 'alarm', externalKey, transition: 'cleared', occurredAt: isoFromNow(-60_000), actor: username });
      }
    }
    await events(batch);
    const held = await getJson<{ held: WithheldAwardView[] }>(t.url, '/api/review/held', as('admin'));
    for (const h of held.body.held) heldPool.set(h.personId, [...(heldPool.get(h.personId) ?? []), h.entryId]);
    for (const [username, count] of Object.entries(wanted)) {
      const got = heldPool.get(`p-${username}`)?.length ?? 0;
      if (got < count) throw new Error(`expected ${count} held awards for ${username}, got ${got}`);
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it('has one policy row per registered route, and no row for a route that does not exist', () => {
    const registered = listApiRoutes(t.server.app).map(routeKey);
    const policed = ROUTE_POLICY.map(routeKey);
    expect(new Set(policed).size, 'a route is listed twice in ROUTE_POLICY').toBe(policed.length);
    expect(registered.filter((r) => !policed.includes(r)), 'registered routes without a row in ROUTE_POLICY (apps/server/src/security/access-matrix.ts)').toEqual([]);
    expect(policed.filter((r) => !registered.includes(r)), 'ROUTE_POLICY rows naming no registered route').toEqual([]);
    expect(Object.keys(PROBES).sort(), 'every policy row has a probe in this test').toEqual([...policed].sort());
  });

  it('answers every cell of the matrix as the policy says', async () => {
    const problems: string[] = [];
    for (const route of ROUTE_POLICY) {
      for (const principal of MATRIX_PRINCIPALS) {
        try {
          problems.push(...(await checkCell(route, principal, route.who[principal])));
        } catch (err) {
          problems.push(`${routeKey(route)} as ${principal}: the probe failed: ${err instanceof Error ? err.message : String(err)}`);
        }
        cellsChecked += 1;
      }
    }
    console.log(`access matrix: ${cellsChecked} cells of the matrix checked (${ROUTE_POLICY.length} routes x ${MATRIX_PRINCIPALS.length} principals, ${requestsSent} requests)`);
    if (allowedNot2xx.length > 0) console.log(`allowed but not 2xx:\n  ${allowedNot2xx.join('\n  ')}`);
    expect(problems).toEqual([]);
    expect(cellsChecked).toBe(ROUTE_POLICY.length * MATRIX_PRINCIPALS.length);
  });

  it('refuses a session on an API-key route, an API key on a session route, and a cookie change without its CSRF token', async () => {
    const event = { source: 'nms', stream: 'alarm', externalKey: uniqueKey('MX-X'), transition: 'raised', occurredAt: isoFromNow(-1000) };
    // an admin session, even with its CSRF token, does not post events
    expect((await sendJson(t.url, 'POST', '/api/events', event, as('admin'))).status).toBe(401);
    expect((await sendJson(t.url, 'POST', `${TMF642}/alarm`, sampleAlarmCreate(), as('admin'))).status).toBe(401);
    // the all-scopes key does not read people, the queue or the admin pages
    const key = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };
    for (const path of ['/api/me', '/api/people/p-eng', '/api/work-items', '/api/admin/api-keys', '/api/kudos?personId=p-eng', '/api/me/ledger']) {
      expect((await getJson(t.url, path, key)).status, path).toBe(401);
    }
    expect((await sendJson(t.url, 'POST', '/api/people/p-eng/adjustments', { points: 5, reason: 'from a key' }, key)).status).toBe(401);
    // a lead's cookie alone (no CSRF token, as a forged cross-site form would send it) changes nothing
    const points = ledgerTotal('p-eng');
    expect((await sendJson(t.url, 'POST', '/api/people/p-eng/adjustments', { points: 5, reason: 'forged' }, { cookie: cookies.lead, csrf: false })).status).toBe(403);
    expect(ledgerTotal('p-eng')).toBe(points);
  });

  it('lets nobody act as someone else: identity fields in a body are refused, query ones ignored', async () => {
    const item = await alarm();
    const proposal = await proposalBy('engineer');
    const heldId = takeHeld('p-eng');
    const cases: { who: PersonPrincipal; method: string; path: string; body: Record<string, unknown>; field: string }[] = [
      { who: 'engineer', method: 'POST', path: `/api/work-items/${item}/actions`, body: { action: 'comment', notes: 'as eng2', actor: 'eng2' }, field: 'body.actor' },
      { who: 'engineer', method: 'POST', path: '/api/work-items/bulk-actions', body: { ids: [item], action: 'acknowledge', actor: 'eng2' }, field: 'body.actor' },
      { who: 'engineer', method: 'POST', path: '/api/kudos', body: { toPersonId: 'p-eng2', message: 'hi', fromPersonId: 'p-lead' }, field: 'body.fromPersonId' },
      { who: 'engineer', method: 'PUT', path: '/api/me/participation', body: { publicBoards: false, showInFeed: true, acceptKudos: true, personId: 'p-eng2' }, field: 'body.personId' },
      { who: 'engineer', method: 'POST', path: '/api/proposals/missions', body: { templateId: 'critical-sla-week', proposedBy: 'p-eng2' }, field: 'body.proposedBy' },
      { who: 'lead', method: 'POST', path: '/api/people/p-eng/adjustments', body: { points: 5, reason: 'on behalf', actorId: 'p-admin' }, field: 'body.actorId' },
      { who: 'lead', method: 'POST', path: `/api/proposals/${proposal}/approve`, body: { reason: 'ok', decidedBy: 'p-admin' }, field: 'body.decidedBy' },
      { who: 'lead', method: 'POST', path: `/api/review/held/${encodeURIComponent(heldId)}/release`, body: { reason: 'ok then', by: 'p-admin' }, field: 'body.by' },
      { who: 'lead', method: 'POST', path: '/api/missions', body: { templateId: 'critical-sla-week', createdBy: 'p-admin' }, field: 'body.createdBy' },
      { who: 'lead', method: 'POST', path: '/api/rules/publish', body: { draft: { flapWindowMinutes: 3 }, reason: 'as admin', publishedBy: 'p-admin' }, field: 'body.publishedBy' },
      { who: 'admin', method: 'POST', path: '/api/admin/api-keys', body: { name: 'theirs', scopes: ['events:write'], createdBy: 'p-lead' }, field: 'body.createdBy' },
    ];
    for (const c of cases) {
      const res = await sendJson(t.url, c.method, c.path, c.body, as(c.who));
      expect(res.status, `${c.method} ${c.path} with ${c.field}`).toBe(400);
      expect(fieldPaths(res.body), `${c.method} ${c.path}`).toContain(c.field);
    }
    // nothing of the refused requests happened
    const timeline = await getJson<WorkItemTimeline>(t.url, `/api/work-items/${item}/timeline`, as('engineer'));
    expect(timeline.body.events.filter((e) => e.actor === 'eng2')).toEqual([]);
    expect(t.server.repos.participation.find('p-eng').publicBoards).toBe(true);
    expect(t.server.repos.proposals.find(proposal)?.status).toBe('pending');
    expect(t.server.repos.gates.find(heldId)?.status).toBe('held');

    // a person named in the query of a "me" route is refused or ignored: always the caller
    expect((await getJson(t.url, '/api/me/ledger?personId=p-eng2', as('engineer'))).status).toBe(400);
    const me = await getJson<MeView>(t.url, '/api/me?personId=p-eng2', as('engineer'));
    expect(me.body.id).toBe('p-eng');
    const mastery = await getJson<MasteryView>(t.url, '/api/insights/me?personId=p-eng2', as('engineer'));
    expect(mastery.body.personId).toBe('p-eng');
    const withheld = await getJson<{ withheld: WithheldAwardView[] }>(t.url, '/api/me/withheld?personId=p-tech', as('engineer'));
    expect(withheld.body.withheld.length).toBeGreaterThan(0);
    expect(withheld.body.withheld.every((w) => w.personId === 'p-eng')).toBe(true);

    // an action is recorded as the caller
    expect((await sendJson(t.url, 'POST', `/api/work-items/${item}/actions`, { action: 'comment', notes: 'mine' }, as('engineer'))).status).toBe(200);
    const after = await getJson<WorkItemTimeline>(t.url, `/api/work-items/${item}/timeline`, as('engineer'));
    expect(after.body.events.at(-1)).toMatchObject({ transition: 'commented', actor: 'eng' });
  });

  it('lets nobody award themselves points', async () => {
    const before = { lead: ledgerTotal('p-lead'), admin: ledgerTotal('p-admin'), eng: ledgerTotal('p-eng'), tech: ledgerTotal('p-tech') };
    // adjustments to oneself
    expect((await sendJson(t.url, 'POST', '/api/people/p-lead/adjustments', { points: 500, reason: 'for me' }, as('lead'))).status).toBe(403);
    expect((await sendJson(t.url, 'POST', '/api/people/p-admin/adjustments', { points: 500, reason: 'for me' }, as('admin'))).status).toBe(403);
    expect((await sendJson(t.url, 'POST', '/api/people/p-eng/adjustments', { points: 500, reason: 'for me' }, as('engineer'))).status).toBe(403);
    // kudos to oneself
    const budget = (await getJson<{ left: number }>(t.url, '/api/kudos/budget', as('engineer'))).body.left;
    const selfKudos = await sendJson(t.url, 'POST', '/api/kudos', { toPersonId: 'p-eng', message: 'well done me' }, as('engineer'));
    expect(selfKudos.status).toBe(400);
    expect(fieldPaths(selfKudos.body)).toContain('body.toPersonId');
    expect((await getJson<{ left: number }>(t.url, '/api/kudos/budget', as('engineer'))).body.left).toBe(budget);
    // releasing one's own held points: the lead and the admin (who may release others'), and staff
    const own = { lead: takeHeld('p-lead'), admin: takeHeld('p-admin'), eng: takeHeld('p-eng'), tech: takeHeld('p-tech') };
    for (const [who, entry] of [['lead', own.lead], ['admin', own.admin], ['engineer', own.eng], ['technician', own.tech]] as const) {
      for (const decision of ['release', 'reject'] as const) {
        const res = await sendJson(t.url, 'POST', `/api/review/held/${encodeURIComponent(entry)}/${decision}`, { reason: 'my own burst' }, as(who));
        expect(res.status, `${who} ${decision}s their own held points`).toBe(403);
      }
    }
    for (const entry of Object.values(own)) expect(t.server.repos.gates.find(entry)?.status).toBe('held');
    // approving one's own proposal: staff propose but may not decide; leads and admins decide but may not propose
    const mine = await proposalBy('engineer');
    expect((await sendJson(t.url, 'POST', `/api/proposals/${mine}/approve`, { reason: 'mine is great' }, as('engineer'))).status).toBe(403);
    expect(t.server.repos.proposals.find(mine)?.status).toBe('pending');
    expect((await sendJson(t.url, 'POST', '/api/proposals/missions', { templateId: 'critical-sla-week' }, as('lead'))).status).toBe(403);
    expect((await sendJson(t.url, 'POST', '/api/proposals/badges', { name: 'Lead badge', description: 'x', icon: '🚀', criteria: { effect: 'resolved', conditions: [], counting: 'count' }, threshold: 1, bonusPoints: 200 }, as('admin'))).status).toBe(403);
    expect({ lead: ledgerTotal('p-lead'), admin: ledgerTotal('p-admin'), eng: ledgerTotal('p-eng'), tech: ledgerTotal('p-tech') }).toEqual(before);
  });

  it('lets only leads and admins preview and publish rules', async () => {
    const version = (await getJson<RulesView>(t.url, '/api/rules', as('admin'))).body.current.version;
    const rich = { draft: { rules: [{ id: 'alarm.clear', basePoints: 1000, multipliers: [], cap: null }] }, reason: 'more for us' };
    for (const who of ['engineer', 'technician'] as const) {
      expect((await sendJson(t.url, 'POST', '/api/rules/publish', rich, as(who))).status).toBe(403);
      expect((await sendJson(t.url, 'POST', '/api/rules/preview', { draft: rich.draft }, as(who))).status).toBe(403);
      expect((await getJson(t.url, '/api/rules', as(who))).status).toBe(403);
    }
    expect((await sendJson(t.url, 'POST', '/api/rules/publish', rich, { headers: { authorization: `Bearer ${TEST_API_KEY}` } })).status).toBe(401);
    expect((await getJson<RulesView>(t.url, '/api/rules', as('admin'))).body.current.version).toBe(version);
    expect(t.server.services.rulebook.config.rules.find((r) => r.id === 'alarm.clear')?.basePoints).not.toBe(1000);
  });

  it("lets a lead manage their own team only: nothing of another team's changes", async () => {
    const techPoints = ledgerTotal('p-tech');
    expect((await sendJson(t.url, 'POST', '/api/people/p-tech/adjustments', { points: -50, reason: 'not mine to judge' }, as('lead'))).status).toBe(403);
    expect(ledgerTotal('p-tech')).toBe(techPoints);

    const techHeld = takeHeld('p-tech');
    for (const decision of ['release', 'reject'] as const) {
      expect((await sendJson(t.url, 'POST', `/api/review/held/${encodeURIComponent(techHeld)}/${decision}`, { reason: 'other team' }, as('lead'))).status).toBe(403);
    }
    expect(t.server.repos.gates.find(techHeld)?.status).toBe('held');
    const queue = await getJson<{ held: WithheldAwardView[] }>(t.url, '/api/review/held', as('lead'));
    expect(queue.body.held.length).toBeGreaterThan(0);
    expect(queue.body.held.filter((h) => h.personId !== 'p-eng' && h.personId !== 'p-eng2' && h.personId !== 'p-lead')).toEqual([]);

    const techProposal = await proposalBy('technician');
    for (const decision of ['approve', 'reject'] as const) {
      expect((await sendJson(t.url, 'POST', `/api/proposals/${techProposal}/${decision}`, { reason: 'other team' }, as('lead'))).status).toBe(403);
    }
    expect(t.server.repos.proposals.find(techProposal)?.status).toBe('pending');
    const proposals = await getJson<{ proposals: ProposalView[] }>(t.url, '/api/proposals?status=all', as('lead'));
    expect(proposals.body.proposals.filter((p) => p.teamId !== 't-noc')).toEqual([]);

    for (const path of ['/api/dashboard?teamId=t-field', '/api/insights/engagement?teamId=t-field', '/api/insights/outcomes?teamId=t-field', '/api/people/p-tech', '/api/insights/people/p-tech', '/api/kudos?personId=p-tech']) {
      expect((await getJson(t.url, path, as('lead'))).status, path).toBe(403);
    }

    const missionsBefore = t.server.repos.missions.listAll().length;
    for (const audience of [{ kind: 'team', teamId: 't-field' }, { kind: 'people', personIds: ['p-tech'] }, { kind: 'people', personIds: ['p-eng', 'p-tech'] }, { kind: 'everyone' }]) {
      expect((await sendJson(t.url, 'POST', '/api/missions', { templateId: 'critical-sla-week', audience }, as('lead'))).status, JSON.stringify(audience)).toBe(403);
    }
    expect(t.server.repos.missions.listAll().length).toBe(missionsBefore);
    const fieldMission = await missionFor('t-field');
    expect((await sendJson(t.url, 'POST', `/api/missions/${fieldMission}/versions`, { target: 1, rewardPoints: 1000 }, as('lead'))).status).toBe(403);
    expect((await sendJson(t.url, 'POST', `/api/missions/${fieldMission}/versions`, { audience: { kind: 'team', teamId: 't-noc' } }, as('lead'))).status).toBe(403);
    expect(t.server.repos.missions.find(fieldMission)?.version).toBe(1);

    // another team's truck-roll: not one action, not through bulk either
    const visit = await truckRoll('tech');
    expect((await sendJson(t.url, 'POST', `/api/work-items/${visit}/actions`, { action: 'dispatch' }, as('lead'))).status).toBe(403);
    const bulk = await sendJson<{ results: { id: number; status: number }[] }>(t.url, 'POST', '/api/work-items/bulk-actions', { ids: [visit], action: 'dispatch' }, as('lead'));
    expect(bulk.body.results).toEqual([expect.objectContaining({ id: visit, status: 403 })]);
    expect(t.server.repos.workItems.findById(visit)?.item.status).toBe('open');
  });

  it('keeps the per-item role checks: technicians their own truck-rolls, engineers alarms and orders, also in bulk', async () => {
    const item = await alarm();
    const visit = await truckRoll('tech');
    const othersVisit = await truckRoll('someone-else');
    expect((await sendJson(t.url, 'POST', `/api/work-items/${item}/actions`, { action: 'acknowledge' }, as('technician'))).status).toBe(403);
    expect((await sendJson(t.url, 'POST', `/api/work-items/${visit}/actions`, { action: 'dispatch' }, as('engineer'))).status).toBe(403);
    expect((await sendJson(t.url, 'POST', `/api/work-items/${othersVisit}/actions`, { action: 'dispatch' }, as('technician'))).status).toBe(403);
    const bulk = await sendJson<{ results: { id: number; status: number }[] }>(t.url, 'POST', '/api/work-items/bulk-actions', { ids: [item], action: 'acknowledge' }, as('technician'));
    expect(bulk.status).toBe(200);
    expect(bulk.body.results).toEqual([expect.objectContaining({ id: item, status: 403 })]);
    const bulkVisit = await sendJson<{ results: { id: number; status: number }[] }>(t.url, 'POST', '/api/work-items/bulk-actions', { ids: [othersVisit], action: 'dispatch' }, as('technician'));
    expect(bulkVisit.body.results).toEqual([expect.objectContaining({ id: othersVisit, status: 403 })]);
    expect((await sendJson(t.url, 'POST', `/api/work-items/${visit}/actions`, { action: 'dispatch' }, as('technician'))).status).toBe(200);
  });
});
