import { Router } from 'express';
import { z } from 'zod';
import { notFound } from '../../http/errors';
import { apiKeyOf } from '../../http/auth.middleware';
import { parseBody, parseParams } from '../../http/validate';
import type { Services } from '../../services';
import { HUB_EVENT_TYPES, newHubId } from './tmf642-hub';

const hubBodySchema = z
  .object({
    callback: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000),
    /** TMF query, e.g. "eventType=AlarmCreateEvent,AlarmStateChangeEvent"; all alarm events when absent */
    query: z.string().max(500).optional(),
  })
  .strict();

/** The event types a hub query asks for ("eventType=A,B" or "eventType=A&eventType=B"). */
export function eventTypesOf(query: string | undefined): string[] {
  if (!query) return [...HUB_EVENT_TYPES];
  const asked = [...query.matchAll(/eventType=([A-Za-z,]+)/g)].flatMap((m) => (m[1] ?? '').split(','));
  const known = asked.filter((t): t is (typeof HUB_EVENT_TYPES)[number] => (HUB_EVENT_TYPES as readonly string[]).includes(t));
  return known.length ? [...new Set(known)] : [...HUB_EVENT_TYPES];
}

/** TMF-style hub: POST /hub registers a listener callback, DELETE /hub/{id} removes it. */
export function tmf642HubRoutes(services: Services): Router {
  const router = Router();
  const subs = services.repos.subscriptions;
  router.post('/', (req, res) => {
    const body = parseBody(hubBodySchema, req);
    const id = newHubId();
    subs.create({ id, kind: 'hub', name: `TMF642 hub ${apiKeyOf(res).name}`, callbackUrl: body.callback, eventTypes: eventTypesOf(body.query), query: body.query ?? null, secret: null, createdAt: Date.now(), createdBy: apiKeyOf(res).id });
    res.status(201).location(`/tmf-api/alarm/v4/hub/${id}`).json({ id, callback: body.callback, query: body.query ?? null });
  });
  router.delete('/:id', (req, res) => {
    const { id } = parseParams(z.object({ id: z.string().min(1).max(64) }).strict(), req);
    const row = subs.find(id);
    // Only the integration (API key) that registered a listener may remove it; to any other key it does not exist.
    if (!row || row.kind !== 'hub' || row.revokedAt !== null || row.createdBy !== apiKeyOf(res).id) throw notFound(`Hub listener ${id} not found`);
    subs.revokeOne(id, Date.now());
    res.status(204).end();
  });
  return router;
}
