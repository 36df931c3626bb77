import { Router } from 'express';
import { z } from 'zod';
import { apiKeyOf } from '../../http/auth.middleware';
import { parseBody, parseParams } from '../../http/validate';
import { HUB_EVENT_TYPES } from './tmf642-hub';
import type { Tmf642HubService } from './tmf642-hub.service';

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
export function tmf642HubRoutes(hub: Tmf642HubService): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const body = parseBody(hubBodySchema, req);
    const listener = await hub.register(apiKeyOf(res), body.callback, eventTypesOf(body.query), body.query);
    res.status(201).location(`/tmf-api/alarm/v4/hub/${listener.id}`).json(listener);
  });
  router.delete('/:id', async (req, res) => {
    const { id } = parseParams(z.object({ id: z.string().min(1).max(64) }).strict(), req);
    await hub.remove(apiKeyOf(res), id);
    res.status(204).end();
  });
  return router;
}
