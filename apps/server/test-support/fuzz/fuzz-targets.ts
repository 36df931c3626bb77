import { z } from 'zod';
import {
  adjustmentBodySchema,
  apiKeySettingsBodySchema,
  mapActorBodySchema,
  auditQuerySchema,
  boardQuerySchema,
  bulkActionBodySchema,
  createApiKeyBodySchema,
  createMissionBodySchema,
  createWebhookBodySchema,
  customersQuerySchema,
  dashboardQuerySchema,
  decisionBodySchema,
  editMissionBodySchema,
  giveKudosBodySchema,
  heldEntryParamSchema,
  historyQuerySchema,
  idParamSchema,
  incidentRegroupBodySchema,
  ingestBodySchema,
  insightsQuerySchema,
  kudosListQuerySchema,
  leagueSettingsBodySchema,
  loginBodySchema,
  missionIdParamSchema,
  networkHealthQuerySchema,
  opsEventSchema,
  participationBodySchema,
  personParamSchema,
  previewRulesBodySchema,
  proposalsQuerySchema,
  proposeBadgeBodySchema,
  proposeMissionBodySchema,
  publishRulesBodySchema,
  reviewDecisionBodySchema,
  statsQuerySchema,
  subscriptionIdParamSchema,
  wallQuerySchema,
  workActionBodySchema,
  workItemsQuerySchema,
  maintenanceListQuerySchema,
  createMaintenanceBodySchema,
  cancelMaintenanceBodySchema,
  maintenanceIdParamSchema,
} from '@opsquest/contracts';
import { alertmanagerPayloadSchema } from '../../src/integrations/alertmanager/alertmanager.schema';
import { tmf622EnvelopeSchema } from '../../src/integrations/tmf622/tmf622.schema';
import { ackAlarmsCreateSchema, alarmCreateSchema, alarmGetQuerySchema, alarmListQuerySchema, alarmUpdateSchema, clearAlarmsCreateSchema, listenerEnvelopeSchema } from '../../src/integrations/tmf642/tmf642.schema';
import { workOrderBodySchema } from '../../src/integrations/workorder/workorder.schema';
import type { RouteEntry } from '../route-list';

/**
 * What the fuzzer must know per route: who may call it (so the fuzz reaches validation and the
 * services, not only the 401/403), and the zod schemas of its body, query and path parameters.
 * Every route `listApiRoutes` finds must have an entry here: a new route fails the fuzz test
 * until it is described (see `missingTargets`).
 */

export type FuzzUser = 'eng' | 'eng2' | 'tech' | 'lead' | 'admin';
/** none: no credentials; apiKey: Authorization Bearer TEST_API_KEY; a username: that person's session cookie (+ CSRF header). */
export type FuzzAuth = 'none' | 'apiKey' | FuzzUser;

/** Kinds of real ids the fuzz set-up creates, used for path parameters so some requests hit real rows. */
export type HintKind = 'person' | 'workItem' | 'mission' | 'proposal' | 'webhook' | 'apiKey' | 'held' | 'tmfAlarm' | 'hub';

export interface ParamTarget {
  schema?: z.ZodType;
  hint?: HintKind;
  /** values never used (the environment API key must not be revoked mid-run) */
  avoid?: readonly string[];
}

export interface FuzzTarget {
  auth: FuzzAuth;
  /** the body schema; 'import' for the CSV / JSON-lines history import; absent: the route reads no body */
  body?: z.ZodType | 'import';
  query?: z.ZodType;
  params?: Record<string, ParamTarget>;
  /** content types this route answers with besides JSON (on success) */
  nonJson?: boolean;
  /** vary X-Forwarded-For so the per-address login limit does not stop the fuzz before validation */
  spreadAddresses?: boolean;
  /** also send JSON under this content type now and then (TMF PATCH takes merge-patch+json) */
  altJsonType?: string;
  /** share of the usual number of cases (login hashes a password with scrypt on every try: fewer) */
  weight?: number;
}

/** The import route's query (import.routes.ts keeps its schema private; this mirrors it). */
const importQuerySchema = z.object({ dryRun: z.enum(['true', 'false']).default('true') }).strict();
/** The TMF642 hub body (tmf642-hub.routes.ts keeps it private; this mirrors it). */
const hubBodySchema = z.object({ callback: z.url({ protocol: /^https?$/ }).max(2000), query: z.string().max(500).optional() }).strict();

const person: ParamTarget = { schema: personParamSchema.shape.id, hint: 'person' };
const mission: ParamTarget = { schema: missionIdParamSchema.shape.id, hint: 'mission' };
const proposal: ParamTarget = { schema: missionIdParamSchema.shape.id, hint: 'proposal' };
const workItem: ParamTarget = { schema: idParamSchema.shape.id, hint: 'workItem' };
const held: ParamTarget = { schema: heldEntryParamSchema.shape.entryId, hint: 'held' };
const tmfAlarm: ParamTarget = { schema: z.string().min(1).max(64), hint: 'tmfAlarm' };

export const FUZZ_TARGETS: Record<string, FuzzTarget> = {
  'GET /api/admin/api-keys': { auth: 'admin' },
  'POST /api/admin/api-keys': { auth: 'admin', body: createApiKeyBodySchema },
  'POST /api/admin/api-keys/:id/revoke': { auth: 'admin', params: { id: { schema: subscriptionIdParamSchema.shape.id, hint: 'apiKey', avoid: ['env'] } } },
  'PUT /api/admin/api-keys/:id/settings': { auth: 'admin', body: apiKeySettingsBodySchema, params: { id: { schema: subscriptionIdParamSchema.shape.id, hint: 'apiKey' } } },
  'GET /api/admin/integration-notices': { auth: 'admin' },
  'GET /api/admin/unknown-actors': { auth: 'admin' },
  'POST /api/admin/unknown-actors/map': { auth: 'admin', body: mapActorBodySchema },
  'GET /api/alarms/gaps': { auth: 'eng' },
  'GET /api/admin/webhooks': { auth: 'admin' },
  // every webhook and hub listener created gets a delivery per award or alarm change: fewer cases keep the fan-out small
  'POST /api/admin/webhooks': { auth: 'admin', body: createWebhookBodySchema, weight: 0.3 },
  'DELETE /api/admin/webhooks/:id': { auth: 'admin', params: { id: { schema: subscriptionIdParamSchema.shape.id, hint: 'webhook' } } },
  'GET /api/admin/webhooks/:id/deliveries': { auth: 'admin', params: { id: { schema: subscriptionIdParamSchema.shape.id, hint: 'webhook' } } },
  'GET /api/audit': { auth: 'lead', query: auditQuerySchema },
  'GET /api/auth/session': { auth: 'none' },
  'POST /api/auth/login': { auth: 'none', body: loginBodySchema, spreadAddresses: true, weight: 0.25 },
  // with no cookie: logging out the shared fuzz session would turn every later request into a 401
  'POST /api/auth/logout': { auth: 'none' },
  'GET /api/dashboard': { auth: 'lead', query: dashboardQuerySchema },
  'GET /api/network-health': { auth: 'eng', query: networkHealthQuerySchema },
  'GET /api/maintenance-windows': { auth: 'eng', query: maintenanceListQuerySchema },
  'POST /api/maintenance-windows': { auth: 'lead', body: createMaintenanceBodySchema },
  'POST /api/maintenance-windows/:id/cancel': { auth: 'lead', body: cancelMaintenanceBodySchema, params: { id: { schema: maintenanceIdParamSchema.shape.id } } },
  'GET /api/customers': { auth: 'lead', query: customersQuerySchema },
  'GET /api/docs': { auth: 'none', nonJson: true },
  'GET /api/docs.css': { auth: 'none', nonJson: true },
  'GET /metrics': { auth: 'apiKey', nonJson: true },
  'POST /api/events': { auth: 'apiKey', body: ingestBodySchema },
  'GET /api/feed': { auth: 'eng', query: historyQuerySchema },
  'GET /api/health': { auth: 'none' },
  'POST /api/import': { auth: 'apiKey', body: 'import', query: importQuerySchema },
  'GET /api/insights/engagement': { auth: 'lead', query: insightsQuerySchema },
  'GET /api/insights/me': { auth: 'eng' },
  'GET /api/insights/outcomes': { auth: 'lead', query: insightsQuerySchema },
  'GET /api/insights/people/:id': { auth: 'eng', params: { id: person } },
  'POST /api/integrations/alertmanager': { auth: 'apiKey', body: alertmanagerPayloadSchema },
  'POST /api/integrations/workorder': { auth: 'apiKey', body: workOrderBodySchema },
  'GET /api/kudos': { auth: 'eng', query: kudosListQuerySchema },
  'POST /api/kudos': { auth: 'eng', body: giveKudosBodySchema },
  'GET /api/kudos/budget': { auth: 'eng' },
  'GET /api/leaderboard': { auth: 'eng', query: boardQuerySchema },
  'GET /api/leaderboard/settings': { auth: 'eng' },
  'PUT /api/leaderboard/settings': { auth: 'admin', body: leagueSettingsBodySchema },
  'GET /api/me': { auth: 'eng' },
  'GET /api/me/ledger': { auth: 'eng', query: historyQuerySchema },
  'GET /api/me/participation': { auth: 'eng' },
  'PUT /api/me/participation': { auth: 'eng2', body: participationBodySchema },
  'GET /api/me/withheld': { auth: 'eng' },
  'GET /api/missions': { auth: 'eng' },
  'POST /api/missions': { auth: 'lead', body: createMissionBodySchema },
  'GET /api/missions/:id': { auth: 'eng', params: { id: mission } },
  'POST /api/missions/:id/versions': { auth: 'lead', body: editMissionBodySchema, params: { id: mission } },
  'GET /api/missions/templates': { auth: 'eng' },
  'GET /api/openapi.json': { auth: 'none' },
  'GET /api/people/:id': { auth: 'eng', params: { id: person } },
  'POST /api/people/:id/adjustments': { auth: 'lead', body: adjustmentBodySchema, params: { id: person } },
  'GET /api/proposals': { auth: 'eng', query: proposalsQuerySchema },
  'POST /api/proposals/:id/approve': { auth: 'lead', body: decisionBodySchema, params: { id: proposal } },
  'POST /api/proposals/:id/reject': { auth: 'lead', body: decisionBodySchema, params: { id: proposal } },
  'POST /api/proposals/badges': { auth: 'eng', body: proposeBadgeBodySchema },
  'POST /api/proposals/missions': { auth: 'tech', body: proposeMissionBodySchema },
  'GET /api/review/held': { auth: 'lead' },
  'POST /api/review/held/:entryId/reject': { auth: 'lead', body: reviewDecisionBodySchema, params: { entryId: held } },
  'POST /api/review/held/:entryId/release': { auth: 'lead', body: reviewDecisionBodySchema, params: { entryId: held } },
  'GET /api/rules': { auth: 'lead' },
  'POST /api/rules/preview': { auth: 'lead', body: previewRulesBodySchema },
  'POST /api/rules/publish': { auth: 'admin', body: publishRulesBodySchema },
  'GET /api/stats': { auth: 'eng', query: statsQuerySchema },
  'GET /api/teams': { auth: 'eng' },
  'GET /api/wall': { auth: 'eng', query: wallQuerySchema },
  'GET /api/work-items': { auth: 'eng', query: workItemsQuerySchema },
  'GET /api/work-items/:id': { auth: 'eng', params: { id: workItem } },
  'POST /api/work-items/:id/actions': { auth: 'eng', body: workActionBodySchema, params: { id: workItem } },
  'GET /api/work-items/:id/timeline': { auth: 'eng', params: { id: workItem } },
  'POST /api/work-items/bulk-actions': { auth: 'eng', body: bulkActionBodySchema },
  'POST /api/work-items/:id/incident': { auth: 'lead', body: incidentRegroupBodySchema, params: { id: workItem } },
  'POST /tmf-api/alarm/v4/ackAlarms': { auth: 'apiKey', body: ackAlarmsCreateSchema },
  'GET /tmf-api/alarm/v4/alarm': { auth: 'apiKey', query: alarmListQuerySchema },
  'POST /tmf-api/alarm/v4/alarm': { auth: 'apiKey', body: alarmCreateSchema },
  'GET /tmf-api/alarm/v4/alarm/:id': { auth: 'apiKey', query: alarmGetQuerySchema, params: { id: tmfAlarm } },
  'PATCH /tmf-api/alarm/v4/alarm/:id': { auth: 'apiKey', body: alarmUpdateSchema, params: { id: tmfAlarm }, altJsonType: 'application/merge-patch+json' },
  'POST /tmf-api/alarm/v4/clearAlarms': { auth: 'apiKey', body: clearAlarmsCreateSchema },
  'POST /tmf-api/alarm/v4/hub': { auth: 'apiKey', body: hubBodySchema, weight: 0.3 },
  'DELETE /tmf-api/alarm/v4/hub/:id': { auth: 'apiKey', params: { id: { schema: z.string().min(1).max(64), hint: 'hub' } } },
  'POST /tmf-api/alarm/v4/listener/alarmAttributeValueChangeEvent': { auth: 'apiKey', body: listenerEnvelopeSchema('AlarmAttributeValueChangeEvent') },
  'POST /tmf-api/alarm/v4/listener/alarmCreateEvent': { auth: 'apiKey', body: listenerEnvelopeSchema('AlarmCreateEvent') },
  'POST /tmf-api/alarm/v4/listener/alarmStateChangeEvent': { auth: 'apiKey', body: listenerEnvelopeSchema('AlarmStateChangeEvent') },
  'POST /tmf-api/productOrderingManagement/v4/listener/productOrderCreateEvent': { auth: 'apiKey', body: tmf622EnvelopeSchema('create') },
  'POST /tmf-api/productOrderingManagement/v4/listener/productOrderStateChangeEvent': { auth: 'apiKey', body: tmf622EnvelopeSchema('stateChange') },
};

/** The schema of one imported event (each CSV row or JSON line is checked against it). */
export const IMPORT_EVENT_SCHEMA: z.ZodType = opsEventSchema;

export const routeKey = (r: RouteEntry): string => `${r.method} ${r.path}`;

/** Routes the server has but the fuzzer does not describe. */
export function missingTargets(routes: readonly RouteEntry[]): string[] {
  return routes.map(routeKey).filter((k) => !(k in FUZZ_TARGETS));
}

/** Targets described here that the server no longer has (a renamed route would otherwise go unfuzzed). */
export function staleTargets(routes: readonly RouteEntry[]): string[] {
  const live = new Set(routes.map(routeKey));
  return Object.keys(FUZZ_TARGETS).filter((k) => !live.has(k));
}

/** The parameter names of an Express path pattern (`/api/people/:id/adjustments` -> ['id']). */
export function paramNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '');
}

/** A stable seed per route, so a route's cases do not change when another route is added. */
export function seedFor(key: string, base: number): number {
  let h = 2166136261 ^ base;
  for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return h | 0;
}
