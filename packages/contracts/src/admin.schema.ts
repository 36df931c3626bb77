import { z } from 'zod';

/** What an integration key may call. */
export const API_KEY_SCOPES = ['events:write', 'alertmanager:write', 'tmf642:write', 'tmf622:write', 'workorder:write', 'import:write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** `mission.completed` is emitted once missions exist (they come with the game-design issue); subscribers may register for it now. */
export const WEBHOOK_EVENT_TYPES = ['points.awarded', 'badge.earned', 'level.up', 'mission.completed'] as const;

export const createApiKeyBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
  })
  .strict();

const callbackUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(2000);

export const createWebhookBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    url: callbackUrl,
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1),
    /** the HMAC signing secret; generated when absent (and shown once) */
    secret: z.string().min(16).max(200).optional(),
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
