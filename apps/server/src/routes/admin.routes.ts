import { Router } from 'express';
import { createApiKeyBodySchema, createWebhookBodySchema, subscriptionIdParamSchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseBody, parseParams } from '../http/validate';
import type { Services } from '../services';

/** Admin-only: integration API keys and award webhooks with their delivery log. */
export function adminRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth, ['admin']));
  const admin = services.integrationAdmin;

  router.get('/api-keys', (_req, res) => {
    res.json({ keys: admin.listKeys() });
  });
  router.post('/api-keys', (req, res) => {
    const body = parseBody(createApiKeyBodySchema, req);
    res.status(201).json(admin.createKey(body.name, body.scopes, principalOf(res)));
  });
  router.post('/api-keys/:id/revoke', (req, res) => {
    res.json(admin.revokeKey(parseParams(subscriptionIdParamSchema, req).id, principalOf(res)));
  });

  router.get('/unknown-actors', (_req, res) => {
    res.json({ actors: admin.unknownActors() });
  });

  router.get('/webhooks', (_req, res) => {
    res.json({ webhooks: admin.listWebhooks() });
  });
  router.post('/webhooks', (req, res) => {
    const body = parseBody(createWebhookBodySchema, req);
    res.status(201).json(admin.createWebhook(body, principalOf(res)));
  });
  router.delete('/webhooks/:id', (req, res) => {
    admin.removeWebhook(parseParams(subscriptionIdParamSchema, req).id, principalOf(res));
    res.status(204).end();
  });
  router.get('/webhooks/:id/deliveries', (req, res) => {
    res.json({ deliveries: admin.deliveries(parseParams(subscriptionIdParamSchema, req).id) });
  });
  return router;
}
