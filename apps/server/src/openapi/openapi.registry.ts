import type { z } from 'zod';
import { INTEGRATION_OPERATIONS } from '../integrations/integrations.openapi';
import {
  bulkActionBodySchema,
  createApiKeyBodySchema,
  createWebhookBodySchema,
  dashboardQuerySchema,
  historyQuerySchema,
  ingestBodySchema,
  ingestResultSchema,
  leaderboardQuerySchema,
  loginBodySchema,
  statsQuerySchema,
  wallQuerySchema,
  workActionBodySchema,
  workItemsQuerySchema,
} from '@opsquest/contracts';

export type Auth = 'none' | 'session' | 'apiKey';

/** One documented operation; request schemas are the same zod schemas the routes validate with. */
export interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  roles?: string;
  scope?: string;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  responseDescription: string;
  status?: number;
}

export function operations(): Operation[] {
  return [...CORE_OPERATIONS, ...INTEGRATION_OPERATIONS];
}

const CORE_OPERATIONS: Operation[] = [
  { method: 'get', path: '/api/health', summary: 'Readiness', tag: 'System', auth: 'none', responseDescription: '{"status":"ok"} once the server is ready' },
  { method: 'post', path: '/api/auth/login', summary: 'Log in', tag: 'Auth', auth: 'none', body: loginBodySchema, responseDescription: 'The person (as GET /api/me); sets the httpOnly session cookie. 401 on a wrong password, 429 when rate limited.' },
  { method: 'post', path: '/api/auth/logout', summary: 'Log out', tag: 'Auth', auth: 'session', responseDescription: 'Ends the session', status: 204 },
  { method: 'get', path: '/api/me', summary: 'Me: points, level, streak, badges', tag: 'People', auth: 'session', responseDescription: 'MeView' },
  { method: 'get', path: '/api/me/ledger', summary: 'My points history', tag: 'People', auth: 'session', query: historyQuerySchema, responseDescription: '{ entries: LedgerEntryView[] }' },
  { method: 'get', path: '/api/people/{id}', summary: 'A person (self, own lead, admin)', tag: 'People', auth: 'session', responseDescription: 'PersonView' },
  { method: 'get', path: '/api/teams', summary: 'Teams and members', tag: 'People', auth: 'session', responseDescription: '{ teams: TeamSummary[] }' },
  { method: 'get', path: '/api/leaderboard', summary: 'Leaderboard', tag: 'Game', auth: 'session', query: leaderboardQuerySchema, responseDescription: 'LeaderboardView: entries in rank order, me, around' },
  { method: 'get', path: '/api/feed', summary: 'Activity feed', tag: 'Game', auth: 'session', query: historyQuerySchema, responseDescription: '{ items: FeedItem[] }' },
  { method: 'get', path: '/api/work-items', summary: 'Work queues', tag: 'Work', auth: 'session', query: workItemsQuerySchema, responseDescription: '{ items: WorkItemView[] }' },
  { method: 'get', path: '/api/work-items/{id}', summary: 'One work item with its SLA clocks', tag: 'Work', auth: 'session', responseDescription: 'WorkItemView' },
  { method: 'get', path: '/api/work-items/{id}/timeline', summary: 'Every event of a work item and its points', tag: 'Work', auth: 'session', responseDescription: 'WorkItemTimeline' },
  { method: 'post', path: '/api/work-items/{id}/actions', summary: 'Act on a work item (optional Idempotency-Key header)', tag: 'Work', auth: 'session', body: workActionBodySchema, responseDescription: 'WorkActionResult; 403 wrong role, 409 impossible transition' },
  { method: 'post', path: '/api/work-items/bulk-actions', summary: 'The same action on many work items', tag: 'Work', auth: 'session', body: bulkActionBodySchema, responseDescription: 'BulkActionResult with a status per item' },
  { method: 'get', path: '/api/stats', summary: 'MTTA, MTTR and SLA attainment', tag: 'Insight', auth: 'session', query: statsQuerySchema, responseDescription: 'StatsView' },
  { method: 'get', path: '/api/dashboard', summary: 'Lead dashboard trends', tag: 'Insight', auth: 'session', roles: 'lead (own team), admin', query: dashboardQuerySchema, responseDescription: 'DashboardView' },
  { method: 'get', path: '/api/wall', summary: 'NOC wall', tag: 'Insight', auth: 'session', query: wallQuerySchema, responseDescription: 'WallView' },
  { method: 'post', path: '/api/events', summary: "Ingest events in OpsQuest's own shape (one or up to 1000)", tag: 'Integrations', auth: 'apiKey', scope: 'events:write', body: ingestBodySchema, response: ingestResultSchema, responseDescription: 'What was stored and what was a duplicate', status: 201 },
  { method: 'get', path: '/api/admin/api-keys', summary: 'Integration keys', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: '{ keys: ApiKeyView[] }' },
  { method: 'post', path: '/api/admin/api-keys', summary: 'Create an integration key (shown once)', tag: 'Admin', auth: 'session', roles: 'admin', body: createApiKeyBodySchema, responseDescription: 'CreatedApiKey', status: 201 },
  { method: 'post', path: '/api/admin/api-keys/{id}/revoke', summary: 'Revoke a key', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: 'ApiKeyView' },
  { method: 'get', path: '/api/admin/webhooks', summary: 'Award webhooks', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: '{ webhooks: WebhookView[] }' },
  { method: 'post', path: '/api/admin/webhooks', summary: 'Register an award webhook (signing secret shown once)', tag: 'Admin', auth: 'session', roles: 'admin', body: createWebhookBodySchema, responseDescription: 'CreatedWebhook', status: 201 },
  { method: 'delete', path: '/api/admin/webhooks/{id}', summary: 'Remove a webhook', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: 'Removed', status: 204 },
  { method: 'get', path: '/api/admin/webhooks/{id}/deliveries', summary: 'Delivery log of a webhook', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: '{ deliveries: DeliveryView[] }' },
];
