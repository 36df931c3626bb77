import { randomUUID } from 'node:crypto';
import { API_KEY_SCOPES, type ApiKeySettingsBody, type ApiKeyView, type CreatedApiKey, type CreatedWebhook, type DeliveryView, type UnknownActorView, type WebhookView } from '@opsquest/contracts';
import type { Severity } from '@opsquest/core';
import { notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { ApiKeyRow, ApiKeySettings } from '../ports/auth-stores';
import type { DeliveryRow, SubscriptionRow } from '../ports/subscriptions-store';
import { newToken, sha256 } from '../../security/tokens';
import type { Principal } from './auth.service';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function keyView(k: ApiKeyRow): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdAt: new Date(k.createdAt).toISOString(),
    createdBy: k.createdBy,
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt),
    alertmanagerUrls: k.alertmanagerUrls,
    severityMap: k.severityMap,
  };
}

/** Severity labels are compared lower-cased (trimmed), so they are stored that way; URLs once each, in the order given. */
function normaliseSettings(body: ApiKeySettingsBody): ApiKeySettings {
  const severityMap: Record<string, Severity> = {};
  for (const [label, severity] of Object.entries(body.severityMap)) severityMap[label.trim().toLowerCase()] = severity;
  return { alertmanagerUrls: [...new Set(body.alertmanagerUrls)], severityMap };
}

function webhookView(s: SubscriptionRow): WebhookView {
  return { id: s.id, name: s.name, url: s.callbackUrl, events: s.eventTypes, createdAt: new Date(s.createdAt).toISOString(), revokedAt: iso(s.revokedAt) };
}

function deliveryView(d: DeliveryRow): DeliveryView {
  return {
    id: d.id,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: new Date(d.nextAttemptAt).toISOString(),
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: new Date(d.createdAt).toISOString(),
    deliveredAt: iso(d.deliveredAt),
  };
}

/** Admin use cases for integrations: API keys (shown once, stored hashed, scoped, revocable) and award webhooks. */
export class IntegrationAdminService {
  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
  ) {}

  async listKeys(): Promise<ApiKeyView[]> {
    return (await this.repos.apiKeys.list()).map(keyView);
  }

  async createKey(name: string, scopes: string[], admin: Principal): Promise<CreatedApiKey> {
    const id = randomUUID();
    const prefix = newToken(6).slice(0, 8);
    const key = `oq_${prefix}_${newToken(24)}`;
    const now = this.now();
    await this.repos.uow.run(async () => {
      await this.repos.apiKeys.create({ id, name, hash: sha256(key), prefix, scopes: [...new Set(scopes)], createdBy: admin.username }, now);
      await this.repos.audit.record(now, { actorId: admin.id, action: 'api-key.created', targetType: 'api-key', targetId: id, details: { name, prefix, scopes: [...new Set(scopes)] } });
    });
    const row = await this.repos.apiKeys.find(id);
    if (!row) throw new Error('key vanished');
    return { ...keyView(row), key };
  }

  async revokeKey(id: string, admin: Principal): Promise<ApiKeyView> {
    const existing = await this.repos.apiKeys.find(id);
    if (!existing) throw notFound(`API key ${id} not found`);
    const now = this.now();
    await this.repos.uow.run(async () => {
      await this.repos.apiKeys.revokeOne(id, now);
      await this.repos.audit.record(now, { actorId: admin.id, action: 'api-key.revoked', targetType: 'api-key', targetId: id, details: { name: existing.name } });
    });
    const row = await this.repos.apiKeys.find(id);
    if (!row) throw notFound(`API key ${id} not found`);
    return keyView(row);
  }

  /** Replaces a key's Alertmanager URLs and severity labels (audited); 404 for an unknown key. */
  async updateKeySettings(id: string, body: ApiKeySettingsBody, admin: Principal): Promise<ApiKeyView> {
    const existing = await this.repos.apiKeys.find(id);
    if (!existing) throw notFound(`API key ${id} not found`);
    const settings = normaliseSettings(body);
    const now = this.now();
    await this.repos.uow.run(async () => {
      await this.repos.apiKeys.updateSettings(id, settings);
      await this.repos.audit.record(now, { actorId: admin.id, action: 'api-key.settings-changed', targetType: 'api-key', targetId: id, details: { name: existing.name, ...settings } });
    });
    const row = await this.repos.apiKeys.find(id);
    if (!row) throw notFound(`API key ${id} not found`);
    return keyView(row);
  }

  /** Names that integrations sent as actors but that are nobody here: that work paid nobody until a person of that username exists. */
  async unknownActors(): Promise<UnknownActorView[]> {
    return (await this.repos.events.unknownActors()).map((r) => ({
      actor: r.actor,
      events: r.events,
      items: r.items,
      firstSeen: new Date(r.firstSeen).toISOString(),
      lastSeen: new Date(r.lastSeen).toISOString(),
      vias: r.vias.split(',').sort(),
    }));
  }

  async listWebhooks(): Promise<WebhookView[]> {
    return (await this.repos.subscriptions.list('webhook')).map(webhookView);
  }

  async createWebhook(input: { name: string; url: string; events: string[]; secret?: string | undefined }, admin: Principal): Promise<CreatedWebhook> {
    const id = randomUUID();
    const secret = input.secret ?? `whsec_${newToken(24)}`;
    const now = this.now();
    await this.repos.uow.run(async () => {
      await this.repos.subscriptions.create({ id, kind: 'webhook', name: input.name, callbackUrl: input.url, eventTypes: [...new Set(input.events)], query: null, secret, createdAt: now, createdBy: admin.username });
      await this.repos.audit.record(now, { actorId: admin.id, action: 'webhook.created', targetType: 'webhook', targetId: id, details: { name: input.name, url: input.url, events: [...new Set(input.events)] } });
    });
    const row = await this.repos.subscriptions.find(id);
    if (!row) throw new Error('webhook vanished');
    return { ...webhookView(row), secret };
  }

  async removeWebhook(id: string, admin: Principal): Promise<void> {
    const row = await this.repos.subscriptions.find(id);
    if (!row || row.kind !== 'webhook') throw notFound(`Webhook ${id} not found`);
    const now = this.now();
    await this.repos.uow.run(async () => {
      await this.repos.subscriptions.revokeOne(id, now);
      await this.repos.audit.record(now, { actorId: admin.id, action: 'webhook.removed', targetType: 'webhook', targetId: id, details: { name: row.name } });
    });
  }

  async deliveries(id: string, limit = 100): Promise<DeliveryView[]> {
    const row = await this.repos.subscriptions.find(id);
    if (!row) throw notFound(`Subscription ${id} not found`);
    return (await this.repos.deliveries.list(id, limit)).map(deliveryView);
  }
}

export const ALL_SCOPES: string[] = [...API_KEY_SCOPES];
