import type { z } from 'zod';
import { INTEGRATION_OPERATIONS } from '../integrations/integrations.openapi';
import {
  apiKeySettingsBodySchema,
  mapActorBodySchema,
  bulkActionBodySchema,
  createApiKeyBodySchema,
  createWebhookBodySchema,
  dashboardQuerySchema,
  historyQuerySchema,
  insightsQuerySchema,
  ingestBodySchema,
  ingestResultSchema,
  boardQuerySchema,
  leagueSettingsBodySchema,
  giveKudosBodySchema,
  kudosListQuerySchema,
  participationBodySchema,
  loginBodySchema,
  createMissionBodySchema,
  editMissionBodySchema,
  proposalsQuerySchema,
  proposeMissionBodySchema,
  proposeBadgeBodySchema,
  decisionBodySchema,
  previewRulesBodySchema,
  publishRulesBodySchema,
  adjustmentBodySchema,
  auditQuerySchema,
  reviewDecisionBodySchema,
  statsQuerySchema,
  wallQuerySchema,
  workActionBodySchema,
  workItemsQuerySchema,
} from '@opsquest/contracts';

export type Auth = 'none' | 'session' | 'apiKey';

/** One documented operation; request schemas are the same zod schemas the routes validate with. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
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
  { method: 'get', path: '/api/me/withheld', summary: 'My points not scored: over a cap, or held for my lead (with the decision)', tag: 'Game', auth: 'session', responseDescription: '{ withheld: WithheldAwardView[] }' },
  { method: 'get', path: '/api/rules', summary: 'The rule set in force and its version history', tag: 'Rules', auth: 'session', roles: 'lead, admin', responseDescription: 'RuleSetView' },
  { method: 'post', path: '/api/rules/preview', summary: 'What-if: replay the last 30 days under a draft rule set', tag: 'Rules', auth: 'session', roles: 'lead, admin', body: previewRulesBodySchema, responseDescription: 'WhatIfView: per-person and per-team totals now and under the draft, rank moves, per-rule differences' },
  { method: 'post', path: '/api/rules/publish', summary: 'Publish a draft rule set (a reason is required; audited)', tag: 'Rules', auth: 'session', roles: 'lead, admin', body: publishRulesBodySchema, responseDescription: 'RuleSetView; changed rules and badges get a new version; 409 when nothing changed', status: 201 },
  { method: 'get', path: '/api/audit', summary: 'Audit log of lead and admin actions', tag: 'Rules', auth: 'session', roles: 'lead, admin', query: auditQuerySchema, responseDescription: '{ entries: AuditEntryView[] }' },
  { method: 'post', path: '/api/people/{id}/adjustments', summary: "Adjust a person's points with a reason (audited)", tag: 'Rules', auth: 'session', roles: 'lead (own team), admin; never oneself', body: adjustmentBodySchema, responseDescription: 'The ledger entry written', status: 201 },
  { method: 'get', path: '/api/missions', summary: 'Missions I take part in (my own and my team’s), active and completed, with progress', tag: 'Missions', auth: 'session', responseDescription: '{ missions: MissionView[] }' },
  { method: 'get', path: '/api/missions/templates', summary: 'Mission templates', tag: 'Missions', auth: 'session', responseDescription: '{ templates: MissionTemplate[] }' },
  { method: 'get', path: '/api/missions/{id}', summary: 'One mission with its progress', tag: 'Missions', auth: 'session', responseDescription: 'MissionView' },
  { method: 'post', path: '/api/missions', summary: 'Create a mission (from a template or the builder)', tag: 'Missions', auth: 'session', roles: 'lead (own team), admin', body: createMissionBodySchema, responseDescription: 'MissionView', status: 201 },
  { method: 'post', path: '/api/missions/{id}/versions', summary: 'Edit a mission: a new version', tag: 'Missions', auth: 'session', roles: 'lead (own team), admin', body: editMissionBodySchema, responseDescription: 'MissionView' },
  { method: 'get', path: '/api/proposals', summary: 'Mission and badge proposals: mine, or to review', tag: 'Missions', auth: 'session', query: proposalsQuerySchema, responseDescription: '{ proposals: ProposalView[] }' },
  { method: 'post', path: '/api/proposals/missions', summary: 'Propose a mission', tag: 'Missions', auth: 'session', roles: 'engineer, technician', body: proposeMissionBodySchema, responseDescription: 'ProposalView', status: 201 },
  { method: 'post', path: '/api/proposals/badges', summary: 'Propose a badge', tag: 'Missions', auth: 'session', roles: 'engineer, technician', body: proposeBadgeBodySchema, responseDescription: 'ProposalView', status: 201 },
  { method: 'post', path: '/api/proposals/{id}/approve', summary: 'Approve a proposal, with a reason (audited)', tag: 'Missions', auth: 'session', roles: 'lead (own team), admin', body: decisionBodySchema, responseDescription: 'ProposalView' },
  { method: 'post', path: '/api/proposals/{id}/reject', summary: 'Reject a proposal, with a reason (audited)', tag: 'Missions', auth: 'session', roles: 'lead (own team), admin', body: decisionBodySchema, responseDescription: 'ProposalView' },
  { method: 'get', path: '/api/review/held', summary: 'Points held for review (bursts far above a usual rate)', tag: 'Game', auth: 'session', roles: 'lead (own team), admin', responseDescription: '{ held: WithheldAwardView[] }' },
  { method: 'post', path: '/api/review/held/{entryId}/release', summary: 'Release held points, with a reason (audited)', tag: 'Game', auth: 'session', roles: 'lead (own team), admin', body: reviewDecisionBodySchema, responseDescription: 'WithheldAwardView; 409 when already decided' },
  { method: 'post', path: '/api/review/held/{entryId}/reject', summary: 'Reject held points, with a reason (audited)', tag: 'Game', auth: 'session', roles: 'lead (own team), admin', body: reviewDecisionBodySchema, responseDescription: 'WithheldAwardView; 409 when already decided' },
  { method: 'get', path: '/api/people/{id}', summary: 'A person (self, own lead, admin)', tag: 'People', auth: 'session', responseDescription: 'PersonView' },
  { method: 'get', path: '/api/teams', summary: 'Teams and members', tag: 'People', auth: 'session', responseDescription: '{ teams: TeamSummary[] }' },
  { method: 'get', path: '/api/leaderboard', summary: 'Leaderboard: my league by default, around me or the top list, points or points per scheduled hour', tag: 'Game', auth: 'session', query: boardQuerySchema, responseDescription: 'LeaderboardView: entries in rank order, me, around; hidden people as Anonymous' },
  { method: 'get', path: '/api/leaderboard/settings', summary: 'League settings (weekly tiers on or off)', tag: 'Game', auth: 'session', responseDescription: '{ tiers: boolean }' },
  { method: 'put', path: '/api/leaderboard/settings', summary: 'Switch weekly league tiers (promotion and demotion) on or off', tag: 'Game', auth: 'session', roles: 'admin', body: leagueSettingsBodySchema, responseDescription: '{ tiers: boolean }' },
  { method: 'post', path: '/api/kudos', summary: 'Give kudos (3 a day, never to yourself)', tag: 'Game', auth: 'session', body: giveKudosBodySchema, responseDescription: 'The kudos given; 409 when none are left today or the receiver turned kudos off', status: 201 },
  { method: 'get', path: '/api/kudos/budget', summary: 'Kudos I can still give today', tag: 'Game', auth: 'session', responseDescription: '{ left, perDay }' },
  { method: 'get', path: '/api/kudos', summary: 'Kudos a person received and gave', tag: 'Game', auth: 'session', roles: 'the person, their lead, admin', query: kudosListQuerySchema, responseDescription: '{ received, given }' },
  { method: 'get', path: '/api/me/participation', summary: 'My participation settings', tag: 'People', auth: 'session', responseDescription: 'ParticipationView' },
  { method: 'put', path: '/api/me/participation', summary: 'Change my participation settings (public boards, feed, kudos)', tag: 'People', auth: 'session', body: participationBodySchema, responseDescription: 'ParticipationView' },
  { method: 'get', path: '/api/feed', summary: 'Activity feed', tag: 'Game', auth: 'session', query: historyQuerySchema, responseDescription: '{ items: FeedItem[] }' },
  { method: 'get', path: '/api/work-items', summary: 'Work queues', tag: 'Work', auth: 'session', query: workItemsQuerySchema, responseDescription: '{ items: WorkItemView[] }' },
  { method: 'get', path: '/api/alarms/gaps', summary: 'Open truncation gaps: Alertmanager groups whose left-out alerts could not be fetched', tag: 'Work', auth: 'session', responseDescription: '{ gaps: AlarmGapView[] }' },
  { method: 'get', path: '/api/work-items/{id}', summary: 'One work item with its SLA clocks', tag: 'Work', auth: 'session', responseDescription: 'WorkItemView' },
  { method: 'get', path: '/api/work-items/{id}/timeline', summary: 'Every event of a work item and its points', tag: 'Work', auth: 'session', responseDescription: 'WorkItemTimeline' },
  { method: 'post', path: '/api/work-items/{id}/actions', summary: 'Act on a work item (optional Idempotency-Key header)', tag: 'Work', auth: 'session', body: workActionBodySchema, responseDescription: 'WorkActionResult; 403 wrong role, 409 impossible transition' },
  { method: 'post', path: '/api/work-items/bulk-actions', summary: 'The same action on many work items', tag: 'Work', auth: 'session', body: bulkActionBodySchema, responseDescription: 'BulkActionResult with a status per item' },
  { method: 'get', path: '/api/stats', summary: 'MTTA, MTTR and SLA attainment', tag: 'Insight', auth: 'session', query: statsQuerySchema, responseDescription: 'StatsView' },
  { method: 'get', path: '/api/dashboard', summary: 'Lead dashboard trends', tag: 'Insight', auth: 'session', roles: 'lead (own team), admin', query: dashboardQuerySchema, responseDescription: 'DashboardView' },
  { method: 'get', path: '/api/insights/engagement', summary: 'Engagement trends: active people, actions per shift, streaks, badge unlocks', tag: 'Insight', auth: 'session', roles: 'lead (own team), admin', query: insightsQuerySchema, responseDescription: 'EngagementView' },
  { method: 'get', path: '/api/insights/outcomes', summary: 'MTTA, MTTR and SLA attainment before and after rule and mission changes', tag: 'Insight', auth: 'session', roles: 'lead (own team), admin', query: insightsQuerySchema, responseDescription: 'OutcomeTrendsView' },
  { method: 'get', path: '/api/insights/me', summary: 'My skill tracks, personal bests and this week against my average', tag: 'Game', auth: 'session', responseDescription: 'MasteryView' },
  { method: 'get', path: '/api/insights/people/{id}', summary: "A person's skill tracks, personal bests and averages", tag: 'Game', auth: 'session', roles: 'the person, their lead, admin', responseDescription: 'MasteryView' },
  { method: 'get', path: '/api/wall', summary: 'NOC wall', tag: 'Insight', auth: 'session', query: wallQuerySchema, responseDescription: 'WallView' },
  { method: 'post', path: '/api/events', summary: "Ingest events in OpsQuest's own shape (one or up to 1000)", tag: 'Integrations', auth: 'apiKey', scope: 'events:write', body: ingestBodySchema, response: ingestResultSchema, responseDescription: 'What was stored and what was a duplicate', status: 201 },
  { method: 'get', path: '/api/admin/api-keys', summary: 'Integration keys', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: '{ keys: ApiKeyView[] }' },
  { method: 'post', path: '/api/admin/api-keys', summary: 'Create an integration key (shown once)', tag: 'Admin', auth: 'session', roles: 'admin', body: createApiKeyBodySchema, responseDescription: 'CreatedApiKey', status: 201 },
  { method: 'post', path: '/api/admin/api-keys/{id}/revoke', summary: 'Revoke a key', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: 'ApiKeyView' },
  { method: 'put', path: '/api/admin/api-keys/{id}/settings', summary: "Set a key's Alertmanager URLs (truncated groups are fetched only from these) and its sender's severity labels (audited)", tag: 'Admin', auth: 'session', roles: 'admin', body: apiKeySettingsBodySchema, responseDescription: 'ApiKeyView (severity labels lower-cased); 404 for an unknown key' },
  { method: 'get', path: '/api/admin/integration-notices', summary: 'Truncated Alertmanager groups and refused integration requests (open first, newest first)', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: '{ notices: IntegrationNoticeView[] }' },
  { method: 'get', path: '/api/admin/unknown-actors', summary: 'Actors named by events who are no person here (their work paid nobody)', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: '{ actors: UnknownActorView[] }' },
  { method: 'post', path: '/api/admin/unknown-actors/map', summary: 'Map an unknown actor to a person: the name is the person from now on, and its earlier work is back-paid now (as a release of held work)', tag: 'Admin', auth: 'session', roles: 'admin', body: mapActorBodySchema, status: 201, responseDescription: 'ActorMappingView' },
  { method: 'get', path: '/api/admin/webhooks', summary: 'Award webhooks', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: '{ webhooks: WebhookView[] }' },
  { method: 'post', path: '/api/admin/webhooks', summary: 'Register an award webhook (signing secret shown once)', tag: 'Admin', auth: 'session', roles: 'admin', body: createWebhookBodySchema, responseDescription: 'CreatedWebhook', status: 201 },
  { method: 'delete', path: '/api/admin/webhooks/{id}', summary: 'Remove a webhook', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: 'Removed', status: 204 },
  { method: 'get', path: '/api/admin/webhooks/{id}/deliveries', summary: 'Delivery log of a webhook', tag: 'Admin', auth: 'session', roles: 'admin', responseDescription: '{ deliveries: DeliveryView[] }' },
];
