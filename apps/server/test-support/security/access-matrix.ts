import type { ApiKeyScope } from '@opsquest/contracts';

/**
 * The authorisation policy of every HTTP API route, as data: who may call it. This is the spec
 * (docs/SECURITY.md renders it, access-matrix.test.ts checks every cell against the real server);
 * change a cell here, on purpose, when the policy changes.
 */

/** The columns: who calls. */
export const MATRIX_PRINCIPALS = ['anonymous', 'engineer', 'technician', 'lead', 'admin', 'keyWithScope', 'keyWithoutScope'] as const;
export type MatrixPrincipal = (typeof MATRIX_PRINCIPALS)[number];

/** The people among the columns (a session cookie). */
export const PERSON_PRINCIPALS = ['engineer', 'technician', 'lead', 'admin'] as const;
export type PersonPrincipal = (typeof PERSON_PRINCIPALS)[number];

export const PRINCIPAL_LABELS: Record<MatrixPrincipal, string> = {
  anonymous: 'anonymous',
  engineer: 'engineer',
  technician: 'technician',
  lead: 'lead (t-noc)',
  admin: 'admin',
  keyWithScope: 'API key with the scope',
  keyWithoutScope: 'API key without it',
};

/**
 * One cell. `allow`: passes authentication and authorisation (the answer is not 401/403; a
 * 400/404/409 about the request itself is fine). `own-team`: allowed on the caller's own team
 * (its people, its work, its proposals), 403 on another team's. `self`: allowed on the caller's own
 * record or item, 403 on someone else's. 401 / 403: exactly that status.
 */
export type MatrixCell = 'allow' | 'own-team' | 'self' | 401 | 403;

/** How a route authenticates: no credentials, a person's session cookie, or an API key with a scope. */
/** `sessionOrApiKey`: a person's session (some roles) or an integration's key with the scope. */
export type RouteAuth = { kind: 'public' } | { kind: 'session' } | { kind: 'apiKey'; scope: ApiKeyScope } | { kind: 'sessionOrApiKey'; scope: ApiKeyScope };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RoutePolicy {
  method: HttpMethod;
  /** the Express pattern, as listApiRoutes() reports it */
  path: string;
  auth: RouteAuth;
  who: Record<MatrixPrincipal, MatrixCell>;
  /** one line: what the route does for whom, and what the own / self cells mean here */
  note: string;
}

type PersonCells = Record<PersonPrincipal, MatrixCell>;

const EVERY_PERSON: PersonCells = { engineer: 'allow', technician: 'allow', lead: 'allow', admin: 'allow' };
const LEADS_AND_ADMINS: PersonCells = { engineer: 403, technician: 403, lead: 'allow', admin: 'allow' };
const OWN_TEAM_LEAD_OR_ADMIN: PersonCells = { engineer: 403, technician: 403, lead: 'own-team', admin: 'allow' };
const ADMINS: PersonCells = { engineer: 403, technician: 403, lead: 403, admin: 'allow' };
const STAFF: PersonCells = { engineer: 'allow', technician: 'allow', lead: 403, admin: 403 };
/** a person's own record: themselves, their own lead, admins */
const PERSON_RECORD: PersonCells = { engineer: 'self', technician: 'self', lead: 'own-team', admin: 'allow' };

function publicRoute(method: HttpMethod, path: string, note: string): RoutePolicy {
  const who = Object.fromEntries(MATRIX_PRINCIPALS.map((p) => [p, 'allow'])) as Record<MatrixPrincipal, MatrixCell>;
  return { method, path, auth: { kind: 'public' }, who, note };
}

/** A session route: no cookie is 401, and an API key (any scope) never opens it: 401. */
function sessionRoute(method: HttpMethod, path: string, people: PersonCells, note: string): RoutePolicy {
  return { method, path, auth: { kind: 'session' }, who: { anonymous: 401, ...people, keyWithScope: 401, keyWithoutScope: 401 }, note };
}

/** An API-key route: a person's session cookie never opens it (401); a key without the scope is 403. */
function keyRoute(method: HttpMethod, path: string, scope: ApiKeyScope, note: string, withScope: MatrixCell = 'allow'): RoutePolicy {
  return {
    method,
    path,
    auth: { kind: 'apiKey', scope },
    who: { anonymous: 401, engineer: 401, technician: 401, lead: 401, admin: 401, keyWithScope: withScope, keyWithoutScope: 403 },
    note,
  };
}

/** A route people (by role) and integrations (a key with the scope) may both use; a key without the scope is 403. */
function personOrKeyRoute(method: HttpMethod, path: string, people: PersonCells, scope: ApiKeyScope, note: string): RoutePolicy {
  return { method, path, auth: { kind: 'sessionOrApiKey', scope }, who: { anonymous: 401, ...people, keyWithScope: 'allow', keyWithoutScope: 403 }, note };
}

const TMF642 = '/tmf-api/alarm/v4';
const TMF622 = '/tmf-api/productOrderingManagement/v4';

export const ROUTE_POLICY: readonly RoutePolicy[] = [
  // ---- public ----
  publicRoute('GET', '/api/health', 'readiness probe'),
  publicRoute('POST', '/api/auth/login', 'username and password give a session; nothing else is read'),
  publicRoute('GET', '/api/auth/session', 'says whether the cookie is a live session (and whose); 200 either way'),
  publicRoute('POST', '/api/auth/logout', 'ends the session in the cookie, if any (with the CSRF header)'),
  publicRoute('GET', '/api/openapi.json', 'the OpenAPI document'),
  publicRoute('GET', '/api/docs', 'the API docs page'),
  publicRoute('GET', '/api/docs.css', 'the API docs stylesheet'),

  // ---- me: always the caller, never a person named in the request ----
  sessionRoute('GET', '/api/me', EVERY_PERSON, 'the caller; a personId in the query is ignored'),
  sessionRoute('GET', '/api/me/ledger', EVERY_PERSON, "the caller's points history only"),
  sessionRoute('GET', '/api/me/withheld', EVERY_PERSON, "the caller's capped and held awards only"),
  sessionRoute('GET', '/api/me/participation', EVERY_PERSON, "the caller's participation settings"),
  sessionRoute('PUT', '/api/me/participation', EVERY_PERSON, "the caller's participation settings; a personId in the body is a 400"),

  // ---- boards, feed, stats: read-only for every person ----
  sessionRoute('GET', '/api/leaderboard', EVERY_PERSON, 'boards; people who opted out are Anonymous to peers'),
  sessionRoute('GET', '/api/leaderboard/settings', EVERY_PERSON, 'league tiers on or off'),
  sessionRoute('PUT', '/api/leaderboard/settings', ADMINS, 'turning league tiers on or off'),
  sessionRoute('GET', '/api/feed', EVERY_PERSON, "own team's feed; leads and admins everyone's"),
  sessionRoute('GET', '/api/stats', EVERY_PERSON, 'MTTA, MTTR, SLA attainment'),
  sessionRoute('GET', '/api/wall', EVERY_PERSON, 'the NOC wall'),
  sessionRoute('GET', '/api/teams', EVERY_PERSON, 'teams and members (hidden people only for those who may see them)'),

  // ---- kudos ----
  sessionRoute('POST', '/api/kudos', EVERY_PERSON, 'from the caller to a colleague; to oneself is a 400 and pays nothing'),
  sessionRoute('GET', '/api/kudos/budget', EVERY_PERSON, "the caller's kudos left today"),
  sessionRoute('GET', '/api/kudos', PERSON_RECORD, "a person's kudos (personId): themselves, their own lead, admins"),

  // ---- people and insights ----
  sessionRoute('GET', '/api/people/:id', PERSON_RECORD, "a person's record: themselves, their own lead, admins"),
  sessionRoute('POST', '/api/people/:id/adjustments', OWN_TEAM_LEAD_OR_ADMIN, "points adjustment: the person's own lead or an admin, never oneself"),
  sessionRoute('GET', '/api/insights/me', EVERY_PERSON, "the caller's mastery"),
  sessionRoute('GET', '/api/insights/people/:id', PERSON_RECORD, "a person's mastery: themselves, their own lead, admins"),
  sessionRoute('GET', '/api/insights/engagement', OWN_TEAM_LEAD_OR_ADMIN, 'engagement trends: a lead for their own team (teamId), admins any'),
  sessionRoute('GET', '/api/insights/outcomes', OWN_TEAM_LEAD_OR_ADMIN, 'outcome trends: a lead for their own team (teamId), admins any'),
  sessionRoute('GET', '/api/dashboard', OWN_TEAM_LEAD_OR_ADMIN, "a team's dashboard: a lead their own team (teamId), admins any"),
  sessionRoute('GET', '/api/network-health', { engineer: 'allow', technician: 403, lead: 'allow', admin: 'allow' }, 'network health (open alarms by region and site, MTTR, recurring faults): leads, and engineers may read it'),
  sessionRoute('GET', '/api/customers', LEADS_AND_ADMINS, 'customers and sites with repeat faults or visits, with their history'),

  // ---- work items ----
  sessionRoute('GET', '/api/work-items', EVERY_PERSON, 'the queues'),
  sessionRoute('GET', '/api/work-items/:id', EVERY_PERSON, 'one work item'),
  sessionRoute('GET', '/api/alarms/gaps', EVERY_PERSON, 'open truncation gaps above the alarm board: group labels and counts, no key or sender'),
  sessionRoute('GET', '/api/work-items/:id/timeline', EVERY_PERSON, "one work item's events"),
  sessionRoute(
    'POST',
    '/api/work-items/:id/actions',
    { engineer: 'allow', technician: 'self', lead: 'own-team', admin: 'allow' },
    "as the caller (an actor in the body is a 400); engineers alarms and orders; technicians their own truck-rolls; leads any alarm or order and their own team's truck-rolls",
  ),
  sessionRoute('POST', '/api/work-items/bulk-actions', EVERY_PERSON, 'the same per-item checks as one action; each item answers 200 / 403 / 404 / 409'),
  sessionRoute('POST', '/api/work-items/:id/incident', LEADS_AND_ADMINS, 'regrouping incidents (make an alarm the root cause, split it out, merge it into another): audited, pays nobody'),

  // ---- missions and proposals ----
  sessionRoute('GET', '/api/missions', EVERY_PERSON, 'missions the caller takes part in, set up or proposed (admins all)'),
  sessionRoute('GET', '/api/missions/templates', EVERY_PERSON, 'mission templates'),
  sessionRoute('GET', '/api/missions/:id', EVERY_PERSON, 'one mission; 404 for a mission the caller has nothing to do with'),
  sessionRoute('POST', '/api/missions', OWN_TEAM_LEAD_OR_ADMIN, 'a lead for their own team or its members, admins for anyone; never for oneself, and the creator is never rewarded by it'),
  sessionRoute('POST', '/api/missions/:id/versions', OWN_TEAM_LEAD_OR_ADMIN, "editing: a lead their own team's missions, admins any"),
  sessionRoute('GET', '/api/proposals', EVERY_PERSON, "staff their own, leads their team's, admins all"),
  sessionRoute('POST', '/api/proposals/missions', STAFF, 'engineers and technicians propose; leads and admins create instead'),
  sessionRoute('POST', '/api/proposals/badges', STAFF, 'engineers and technicians propose'),
  sessionRoute('POST', '/api/proposals/:id/approve', OWN_TEAM_LEAD_OR_ADMIN, "a lead their own team's proposals, admins any (nobody decides their own: only staff propose)"),
  sessionRoute('POST', '/api/proposals/:id/reject', OWN_TEAM_LEAD_OR_ADMIN, "a lead their own team's proposals, admins any"),

  // ---- rules, audit, review ----
  sessionRoute('GET', '/api/rules', LEADS_AND_ADMINS, 'the rule set in force and its history'),
  sessionRoute('POST', '/api/rules/preview', LEADS_AND_ADMINS, 'what-if preview of a draft'),
  sessionRoute('POST', '/api/rules/publish', LEADS_AND_ADMINS, 'publishing a new rule set version'),
  sessionRoute('GET', '/api/audit', LEADS_AND_ADMINS, "the audit log: admins all of it; a lead the rules and their own team's records, not other teams' people or security events"),
  sessionRoute('GET', '/api/review/held', LEADS_AND_ADMINS, "held points: a lead sees their own team's only"),
  sessionRoute('POST', '/api/review/held/:entryId/release', OWN_TEAM_LEAD_OR_ADMIN, "a lead their own team's held points, admins any; never one's own"),
  sessionRoute('POST', '/api/review/held/:entryId/reject', OWN_TEAM_LEAD_OR_ADMIN, "a lead their own team's held points, admins any; never one's own"),

  // ---- planned work ----
  sessionRoute('GET', '/api/maintenance-windows', EVERY_PERSON, 'planned work now and next (the board and the wall show it)'),
  personOrKeyRoute('POST', '/api/maintenance-windows', LEADS_AND_ADMINS, 'maintenance:write', 'declaring planned work: leads, admins, or a change-management integration'),
  personOrKeyRoute('POST', '/api/maintenance-windows/:id/cancel', LEADS_AND_ADMINS, 'maintenance:write', 'ending planned work early'),

  // ---- admin ----
  sessionRoute('GET', '/api/admin/api-keys', ADMINS, 'integration API keys (never the secret)'),
  sessionRoute('POST', '/api/admin/api-keys', ADMINS, 'creating an API key'),
  sessionRoute('POST', '/api/admin/api-keys/:id/revoke', ADMINS, 'revoking an API key'),
  sessionRoute('PUT', '/api/admin/api-keys/:id/settings', ADMINS, "an API key's Alertmanager URLs (fetching truncated groups) and severity labels"),
  sessionRoute('GET', '/api/admin/unknown-actors', ADMINS, 'actors events named who are nobody here (their work paid nobody)'),
  sessionRoute('POST', '/api/admin/unknown-actors/map', ADMINS, 'mapping an unknown actor to a person (back-pays the name’s work)'),
  sessionRoute('GET', '/api/admin/integration-notices', ADMINS, 'truncated Alertmanager groups and refused integration requests, with the key that sent them'),
  sessionRoute('GET', '/api/admin/webhooks', ADMINS, 'award webhooks'),
  sessionRoute('POST', '/api/admin/webhooks', ADMINS, 'creating a webhook'),
  sessionRoute('DELETE', '/api/admin/webhooks/:id', ADMINS, 'removing a webhook'),
  sessionRoute('GET', '/api/admin/webhooks/:id/deliveries', ADMINS, "a webhook's delivery log"),

  // ---- integrations (API keys) ----
  keyRoute('POST', '/api/events', 'events:write', "OpsQuest's own event shape"),
  keyRoute('GET', '/metrics', 'metrics:read', "Prometheus's scrape: the process's and the ingest's metrics"),
  keyRoute('POST', '/api/import', 'import:write', 'history import (CSV or JSON lines), dry run by default'),
  keyRoute('POST', '/api/integrations/alertmanager', 'alertmanager:write', 'Alertmanager webhook receiver'),
  keyRoute('POST', '/api/integrations/workorder', 'workorder:write', 'field work-order state changes'),
  keyRoute('POST', `${TMF622}/listener/productOrderCreateEvent`, 'tmf622:write', 'TMF622 order created'),
  keyRoute('POST', `${TMF622}/listener/productOrderStateChangeEvent`, 'tmf622:write', 'TMF622 order state change'),
  keyRoute('GET', `${TMF642}/alarm`, 'tmf642:write', 'TMF642 alarm list'),
  keyRoute('POST', `${TMF642}/alarm`, 'tmf642:write', 'TMF642 alarm create'),
  keyRoute('GET', `${TMF642}/alarm/:id`, 'tmf642:write', 'TMF642 one alarm'),
  keyRoute('PATCH', `${TMF642}/alarm/:id`, 'tmf642:write', 'TMF642 alarm update'),
  keyRoute('POST', `${TMF642}/ackAlarms`, 'tmf642:write', 'TMF642 acknowledge task'),
  keyRoute('POST', `${TMF642}/clearAlarms`, 'tmf642:write', 'TMF642 clear task'),
  keyRoute('POST', `${TMF642}/hub`, 'tmf642:write', 'TMF642 hub: register a listener'),
  keyRoute('DELETE', `${TMF642}/hub/:id`, 'tmf642:write', 'TMF642 hub: remove a listener the same key registered; another key’s is 403/404', 'self'),
  keyRoute('POST', `${TMF642}/listener/alarmCreateEvent`, 'tmf642:write', 'TMF642 notification listener'),
  keyRoute('POST', `${TMF642}/listener/alarmStateChangeEvent`, 'tmf642:write', 'TMF642 notification listener'),
  keyRoute('POST', `${TMF642}/listener/alarmAttributeValueChangeEvent`, 'tmf642:write', 'TMF642 notification listener'),
];

/** `GET /api/people/:id` */
export function routeKey(route: { method: string; path: string }): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

export function findRoutePolicy(method: string, path: string): RoutePolicy | undefined {
  return ROUTE_POLICY.find((r) => r.method === method.toUpperCase() && r.path === path);
}
