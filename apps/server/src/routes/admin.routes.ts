import { Router } from 'express';
import { apiKeySettingsBodySchema, createApiKeyBodySchema, mapActorBodySchema, createWebhookBodySchema, subscriptionIdParamSchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseBody, parseParams } from '../http/validate';
import type { Services } from '../services';

/** Admin-only: integration API keys (and their settings), integration notices, and award webhooks with their delivery log. */
export function adminRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth, ['admin']));
  const admin = services.integrationAdmin;

  router.get('/api-keys', async (_req, res) => {
    res.json({ keys: await admin.listKeys() });
  });
  router.post('/api-keys', async (req, res) => {
    const body = parseBody(createApiKeyBodySchema, req);
    res.status(201).json(await admin.createKey(body.name, body.scopes, principalOf(res)));
  });
  router.post('/api-keys/:id/revoke', async (req, res) => {
    res.json(await admin.revokeKey(parseParams(subscriptionIdParamSchema, req).id, principalOf(res)));
  });

  router.put('/api-keys/:id/settings', async (req, res) => {
    const { id } = parseParams(subscriptionIdParamSchema, req);
    res.json(await admin.updateKeySettings(id, parseBody(apiKeySettingsBodySchema, req), principalOf(res)));
  });

  router.get('/unknown-actors', async (_req, res) => {
    res.json({ actors: await admin.unknownActors() });
  });
  router.post('/unknown-actors/map', async (req, res) => {
    const body = parseBody(mapActorBodySchema, req);
    res.status(201).json(await services.actorMapping.map(body.actor, body.personId, principalOf(res)));
  });

  router.get('/integration-notices', async (_req, res) => {
    res.json({ notices: await services.integrationNotices.list() });
  });

  router.get('/webhooks', async (_req, res) => {
    res.json({ webhooks: await admin.listWebhooks() });
  });
  router.post('/webhooks', async (req, res) => {
    const body = parseBody(createWebhookBodySchema, req);
    res.status(201).json(await admin.createWebhook(body, principalOf(res)));
  });
  router.delete('/webhooks/:id', async (req, res) => {
    await admin.removeWebhook(parseParams(subscriptionIdParamSchema, req).id, principalOf(res));
    res.status(204).end();
  });
  router.get('/webhooks/:id/deliveries', async (req, res) => {
    res.json({ deliveries: await admin.deliveries(parseParams(subscriptionIdParamSchema, req).id) });
  });
  return router;
}
