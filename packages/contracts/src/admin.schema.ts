import { z } from 'zod';
import { ALERTMANAGER_URL_MAX, API_KEY_NAME_MAX, SEVERITY_LABEL_MAX, WEBHOOK_NAME_MAX, WEBHOOK_SECRET_MAX, WEBHOOK_SECRET_MIN, WEBHOOK_URL_MAX } from './form-limits';
import { SEVERITIES } from '@opsquest/core';

/** What an integration key may call. */
export const API_KEY_SCOPES = ['events:write', 'alertmanager:write', 'tmf642:write', 'tmf622:write', 'workorder:write', 'import:write', 'maintenance:write', 'metrics:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** `mission.completed` is emitted once missions exist (they come with the game-design issue); subscribers may register for it now. */
export const WEBHOOK_EVENT_TYPES = ['points.awarded', 'badge.earned', 'level.up', 'mission.completed'] as const;

export const createApiKeyBodySchema = z
  .object({
    name: z.string().trim().min(1).max(API_KEY_NAME_MAX),
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
  })
  .strict();

const callbackUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(WEBHOOK_URL_MAX);

export const createWebhookBodySchema = z
  .object({
    name: z.string().trim().min(1).max(WEBHOOK_NAME_MAX),
    url: callbackUrl,
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1),
    /** the HMAC signing secret; generated when absent (and shown once) */
    secret: z.string().min(WEBHOOK_SECRET_MIN).max(WEBHOOK_SECRET_MAX).optional(),
  })
  .strict();

export const subscriptionIdParamSchema = z.object({ id: z.string().trim().min(1).max(64) }).strict();

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Alertmanager base URLs (their externalURL) this key's notifications may make OpsQuest fetch a truncated group from */
  alertmanagerUrls: string[];
  /** this sender's own severity labels (lower-cased) and the severity each reads as; checked before the built-in aliases */
  severityMap: Record<string, string>;
}

/** The most Alertmanager URLs and custom severity labels one key may carry. */
export const MAX_ALERTMANAGER_URLS = 20;
export const MAX_SEVERITY_LABELS = 100;

/** PUT /api/admin/api-keys/:id/settings: what an integration key may do beyond its scopes. */
export const apiKeySettingsBodySchema = z
  .object({
    alertmanagerUrls: z
      .array(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(ALERTMANAGER_URL_MAX))
      .max(MAX_ALERTMANAGER_URLS),
    severityMap: z
      .record(z.string().trim().min(1).max(SEVERITY_LABEL_MAX), z.enum(SEVERITIES))
      .refine((m) => Object.keys(m).length <= MAX_SEVERITY_LABELS, { message: `at most ${MAX_SEVERITY_LABELS} labels` }),
  })
  .strict();
export type ApiKeySettingsBody = z.infer<typeof apiKeySettingsBodySchema>;

/**
 * Something an integration sent that did not become alarms: a truncated Alertmanager group whose
 * missing alerts could not be fetched ('truncated'), or a request or alert that was refused ('refused').
 */
export interface IntegrationNoticeView {
  id: number;
  kind: 'truncated' | 'refused';
  /** the integration route: 'alertmanager', 'tmf642', 'tmf622', 'workorder', 'events', 'import' */
  source: string;
  keyId: string | null;
  keyName: string | null;
  /** Alertmanager's groupKey, when known */
  groupKey: string | null;
  groupLabels: Record<string, string>;
  /** alerts not received (truncated) or refused */
  missing: number;
  /** the HTTP status answered (refused), null when the request itself was accepted */
  status: number | null;
  /** in words, for the admin: why, and what to do */
  reason: string;
  firstAt: string;
  lastAt: string;
  /** how many notifications or requests this notice stands for (the same group or refusal again) */
  occurrences: number;
  /** when a later notification of the group came complete (truncated notices only) */
  resolvedAt: string | null;
}

/** GET /api/alarms/gaps: open truncation gaps, shown above the alarm board to everyone who sees alarms. */
export interface AlarmGapView {
  id: number;
  groupKey: string | null;
  groupLabels: Record<string, string>;
  missing: number;
  reason: string;
  lastAt: string;
}

/** Returned once, on creation: the key itself is never shown again. */
export interface CreatedApiKey extends ApiKeyView {
  key: string;
}

/** A name that events give as their actor but that is no person in OpsQuest: nobody was paid for that work. */
export interface UnknownActorView {
  actor: string;
  events: number;
  items: number;
  firstSeen: string;
  lastSeen: string;
  /** the ways in that used the name (api, tmf642, ...) */
  vias: string[];
}

/** POST /api/admin/unknown-actors/map: the name becomes the person's, and its earlier work is paid now. */
export const mapActorBodySchema = z
  .object({
    actor: z.string().trim().min(1).max(200),
    personId: z.string().trim().min(1).max(64),
  })
  .strict();

/** What a mapping did: how many of the name's events, and the back-pay they earned the person. */
export interface ActorMappingView {
  actor: string;
  personId: string;
  personName: string;
  events: number;
  /** awards back-paid (each as a release pays held work: points, skill track, badges, missions) */
  awards: number;
  points: number;
  mappedAt: string;
}

export interface WebhookView {
  id: string;
  name: string;
  url: string;
  events: string[];
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedWebhook extends WebhookView {
  secret: string;
}

export interface DeliveryView {
  id: number;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
