import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_SCOPES, type ApiKeyScope } from '@opsquest/contracts';
import { sampleAckAlarms, sampleAlarmCreate, sampleClearAlarms, sampleNotification } from '../../test-support/fixtures/tmf642.fixtures';
import { isoFromNow, requestHeaders, uniqueKey, type JsonResponse, type RequestOptions } from '../../test-support/http';
import { listApiRoutes } from '../../test-support/route-list';
import { login, postEvents, TEST_API_KEY } from '../../test-support/test-server';
import { AccessFixture, TMF622, TMF642, USERNAME } from '../../test-support/security/access-fixture';
import { MATRIX_PRINCIPALS, PERSON_PRINCIPALS, ROUTE_POLICY, routeKey, type MatrixCell, type MatrixPrincipal, type PersonPrincipal, type RoutePolicy } from '../../test-support/security/access-matrix';


/**
 * The authorisation matrix against the real server: every registered route, every principal, each
 * cell as ROUTE_POLICY says. 'own-team' and 'self' cells are checked both ways (own: allowed, other:
 * 403). The requests are real and, where cheap, valid, so an allowed cell mostly reaches a 2xx.
 */

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
  let f: AccessFixture;
  let flap = 700;
  let cellsChecked = 0;
  let requestsSent = 0;
  /** allowed answers that were not 2xx (fine for the matrix; listed so weak probes show) */
  const allowedNot2xx: string[] = [];

  const alarm = () => f.alarm();
  const truckRoll = (technician: string) => f.truckRoll(technician);
  const takeHeld = (personId: string) => f.takeHeld(personId);
  const proposalBy = (who: 'engineer' | 'technician') => f.proposalBy(who);
  const missionFor = (teamId: string) => f.missionFor(teamId);
  const createKey = (name: string, scopes: ApiKeyScope[]) => f.createKey(name, scopes);
  const webhook = () => f.webhook();
  const tmfAlarm = () => f.tmfAlarm();
  const hubBy = (key: string) => f.hubBy(key);


  const tmf622Envelope = (eventType: string, state: string) => ({
    eventId: uniqueKey('po-evt'),
    eventTime: isoFromNow(-1000),
    eventType,
    event: { productOrder: { id: uniqueKey('PO'), state, priority: '2', relatedParty: [{ id: 'eng', role: 'orderHandler', '@referredType': 'Individual' }] } },
  });

  /** How each route is called; a route without a probe fails the test, so new routes get one. */
  const PROBES: Record<string, Probe> = {
    'GET /api/health': () => ({ path: '/api/health' }),
    'GET /metrics': () => ({ path: '/metrics' }),
    'POST /api/auth/login': () => ({ path: '/api/auth/login', body: { username: 'eng2', password: 'correct horse battery' } }),
    'GET /api/auth/session': () => ({ path: '/api/auth/session' }),
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
    'GET /api/network-health': () => ({ path: '/api/network-health?weeks=4' }),
    'GET /api/customers': () => ({ path: '/api/customers?limit=5' }),

    'GET /api/work-items': () => ({ path: '/api/work-items?limit=5' }),
    'GET /api/work-items/:id': async () => ({ path: `/api/work-items/${await alarm()}` }),
    'GET /api/work-items/:id/timeline': async () => ({ path: `/api/work-items/${await alarm()}/timeline` }),
    'GET /api/alarms/gaps': () => ({ path: '/api/alarms/gaps' }),
    'POST /api/work-items/:id/actions': async (ctx) => {
      // technicians: their own truck-roll or another's; leads: one of their team's (eng2) or t-field's (tech)
      if (ctx.as === 'technician') return { path: `/api/work-items/${await truckRoll(ctx.variant === 'own' ? 'tech' : 'eng2')}/actions`, body: { action: 'dispatch' } };
      if (ctx.as === 'lead') return { path: `/api/work-items/${await truckRoll(ctx.variant === 'own' ? 'eng2' : 'tech')}/actions`, body: { action: 'dispatch' } };
      if (ctx.as === 'admin') return { path: `/api/work-items/${await truckRoll('tech')}/actions`, body: { action: 'dispatch' } };
      return { path: `/api/work-items/${await alarm()}/actions`, body: { action: 'comment', notes: 'Checked the optics' } };
    },
    'POST /api/work-items/bulk-actions': async () => ({ path: '/api/work-items/bulk-actions', body: { ids: [await alarm()], action: 'acknowledge' } }),
    // two lone alarms of its own for each call: merging one into the other makes an incident
    'POST /api/work-items/:id/incident': async () => ({ path: `/api/work-items/${await alarm()}/incident`, body: { action: 'merge', into: await alarm() } }),

    'GET /api/missions': () => ({ path: '/api/missions' }),
    'GET /api/missions/templates': () => ({ path: '/api/missions/templates' }),
    'GET /api/missions/:id': async (ctx) => ({ path: `/api/missions/${await missionFor(ctx.as === 'technician' ? 't-field' : 't-noc')}` }),
    'POST /api/missions': (ctx) => ({ path: '/api/missions', body: { templateId: 'critical-sla-week', audience: { kind: 'team', teamId: targetTeam(ctx) } } }),
    'POST /api/missions/:id/versions': async (ctx) => ({ path: `/api/missions/${await missionFor(targetTeam(ctx))}/versions`, body: { target: 7 } }),
    'GET /api/proposals': () => ({ path: '/api/proposals' }),
    'POST /api/proposals/missions': () => ({ path: '/api/proposals/missions', body: { templateId: 'critical-sla-week' } }),
    'POST /api/proposals/badges': () => ({
      path: '/api/proposals/badges',
      body: { name: uniqueKey('Matrix badge'), description: 'Clear two major alarms.', icon: 'rocket', criteria: { stream: 'alarm', effect: 'resolved', conditions: [{ kind: 'severityIn', values: ['major'] }], counting: 'count' }, threshold: 2, bonusPoints: 10 },
    }),
    // staff try their own proposal; a lead their team's (eng) or another team's (tech)
    'POST /api/proposals/:id/approve': async (ctx) => ({ path: `/api/proposals/${await proposalBy(proposerFor(ctx))}/approve`, body: { reason: 'Good idea' } }),
    'POST /api/proposals/:id/reject': async (ctx) => ({ path: `/api/proposals/${await proposalBy(proposerFor(ctx))}/reject`, body: { reason: 'Not this quarter' } }),

    'GET /api/rules': () => ({ path: '/api/rules' }),
    'POST /api/rules/preview': () => ({ path: '/api/rules/preview', body: { draft: { flapWindowMinutes: 30 } } }),
    'POST /api/rules/publish': () => ({ path: '/api/rules/publish', body: { draft: { flapWindowMinutes: (flap += 1) }, reason: 'matrix check' } }),
    'GET /api/audit': () => ({ path: '/api/audit?limit=5' }),
    'GET /api/review/held': () => ({ path: '/api/review/held' }),
    'GET /api/maintenance-windows': () => ({ path: '/api/maintenance-windows' }),
    'POST /api/maintenance-windows': () => ({ path: '/api/maintenance-windows', body: { title: 'Matrix planned work', scope: { sites: [uniqueKey('MX')] }, startsAt: isoFromNow(60_000), endsAt: isoFromNow(3_600_000) } }),
    // a window of its own for each call: cancelling one twice is a 409
    'POST /api/maintenance-windows/:id/cancel': async () => ({ path: `/api/maintenance-windows/${await plannedWindow()}/cancel`, body: {} }),
    // staff try their own held points; a lead their team's (eng) or another team's (tech)
    'POST /api/review/held/:entryId/release': (ctx) => ({ path: `/api/review/held/${encodeURIComponent(takeHeld(heldOwner(ctx)))}/release`, body: { reason: 'Checked: real work' } }),
    'POST /api/review/held/:entryId/reject': (ctx) => ({ path: `/api/review/held/${encodeURIComponent(takeHeld(heldOwner(ctx)))}/reject`, body: { reason: 'Scripted clears' } }),

    'GET /api/admin/api-keys': () => ({ path: '/api/admin/api-keys' }),
    'POST /api/admin/api-keys': () => ({ path: '/api/admin/api-keys', body: { name: uniqueKey('matrix-key'), scopes: ['events:write'] } }),
    'POST /api/admin/api-keys/:id/revoke': async () => ({ path: `/api/admin/api-keys/${(await createKey(uniqueKey('revoke-me'), ['events:write'])).id}/revoke`, body: {} }),
    'PUT /api/admin/api-keys/:id/settings': async () => ({ path: `/api/admin/api-keys/${(await createKey(uniqueKey('settings'), ['alertmanager:write'])).id}/settings`, body: { alertmanagerUrls: ['http://alertmanager.example:9093'], severityMap: { P0: 'critical' } } }),
    'GET /api/admin/unknown-actors': () => ({ path: '/api/admin/unknown-actors' }),
    'POST /api/admin/unknown-actors/map': async () => {
      // a fresh stranger's acknowledgement, so that every allowed call has a name to map
      const actor = uniqueKey('stranger');
      const externalKey = uniqueKey('STRANGER');
      await postEvents(f.t.url, { source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt: isoFromNow(-120_000), attributes: { perceivedSeverity: 'minor' } });
      await postEvents(f.t.url, { source: 'nms', stream: 'alarm', externalKey, transition: 'acknowledged', occurredAt: isoFromNow(-60_000), actor });
      return { path: '/api/admin/unknown-actors/map', body: { actor, personId: 'p-eng2' } };
    },
    'GET /api/admin/integration-notices': () => ({ path: '/api/admin/integration-notices' }),
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
    [`DELETE ${TMF642}/hub/:id`]: async (ctx) => ({ path: `${TMF642}/hub/${await hubBy(ctx.as === 'keyWithScope' && ctx.variant === 'own' ? f.scopedKeys['tmf642:write'] : TEST_API_KEY)}` }),
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

  async function plannedWindow(): Promise<string> {
    const lead = { kind: 'person' as const, id: 'p-lead', username: 'lead', displayName: 'Leo Lead', role: 'lead' as const, teamId: 't-noc' };
    const body = { title: 'Matrix window', scope: { sites: [uniqueKey('MXC')], regions: [], elements: [] }, startsAt: isoFromNow(60_000), endsAt: isoFromNow(3_600_000) };
    return (await f.t.server.services.maintenance.declare(lead, body)).id;
  }

  async function credentials(route: RoutePolicy, principal: MatrixPrincipal, spec: RequestSpec): Promise<RequestOptions> {
    if (principal === 'anonymous') return {};
    if (isPerson(principal)) return { cookie: spec.freshSession ? await login(f.t.url, USERNAME[principal]) : f.cookies[principal] };
    const scope = route.auth.kind === 'apiKey' || route.auth.kind === 'sessionOrApiKey' ? route.auth.scope : undefined;
    const key =
      principal === 'keyWithScope'
        ? scope !== undefined
          ? f.scopedKeys[scope]
          : TEST_API_KEY
        : scope !== undefined
          ? f.scopedKeys[otherScope(scope)]
          : f.scopedKeys['events:write'];
    return { headers: { authorization: `Bearer ${spec.bearer ?? key}` } };
  }

  async function call(route: RoutePolicy, principal: MatrixPrincipal, variant: Variant): Promise<JsonResponse<unknown>> {
    const probe = PROBES[routeKey(route)];
    if (!probe) throw new Error(`no probe for ${routeKey(route)}`);
    const spec = await probe({ as: principal, variant });
    const options = { ...(await credentials(route, principal, spec)), ...(spec.contentType ? { contentType: spec.contentType } : {}) };
    requestsSent += 1;
    const res = await fetch(`${f.t.url}${spec.path}`, {
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
    f = await AccessFixture.start();
  });
  afterAll(async () => {
    await f.close();
  });

  it('has one policy row per registered route, and no row for a route that does not exist', () => {
    const registered = listApiRoutes(f.t.server.app).map(routeKey);
    const policed = ROUTE_POLICY.map(routeKey);
    expect(new Set(policed).size, 'a route is listed twice in ROUTE_POLICY').toBe(policed.length);
    expect(registered.filter((r) => !policed.includes(r)), 'registered routes without a row in ROUTE_POLICY (apps/server/test-support/security/access-matrix.ts)').toEqual([]);
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

});
