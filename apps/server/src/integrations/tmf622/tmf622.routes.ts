import { Router, type RequestHandler } from 'express';
import { apiKeyOf } from '../../http/auth.middleware';
import { parseBody } from '../../http/validate';
import type { Services } from '../../services';
import { mapProductOrderEvent, resolverFor, type PersonLookup } from './tmf622.mapper';
import { TMF622_LISTENERS, tmf622EnvelopeSchema, type Tmf622Notification } from './tmf622.schema';

/** The listener's answer (201 Created for every accepted notification, stored or duplicate). */
export interface Tmf622ListenerResult {
  eventId: string;
  eventType: string;
  productOrderId: string;
  state: string;
  eventKey: string;
  status: 'stored' | 'duplicate';
  applied: boolean;
  points: number;
  reason?: string;
}

/**
 * TMF622 Product Ordering notification listeners (client side of the hub), under
 * /tmf-api/productOrderingManagement/v4:
 *   POST /listener/productOrderCreateEvent
 *   POST /listener/productOrderStateChangeEvent
 * Each notification is one order event through the one ingest path, the envelope kept as raw.
 * 201 (the spec's "Notified") for every accepted notification, including a redelivery (a
 * duplicate, by eventId) and a state OpsQuest does not track (stored, not applied, with a reason);
 * 400 naming the fields of a malformed envelope.
 */
export function tmf622Routes(services: Services, lookup: PersonLookup): Router {
  const router = Router();

  const listener = (kind: Tmf622Notification): RequestHandler => {
    const schema = tmf622EnvelopeSchema(kind);
    return async (req, res) => {
      apiKeyOf(res);
      const envelope = parseBody(schema, req);
      const mapped = mapProductOrderEvent(envelope, await resolverFor(envelope.event.productOrder.relatedParty ?? [], lookup));
      const [outcome] = await services.ingest.ingest([{ event: mapped.event, via: 'tmf622', raw: JSON.stringify(req.body) }]);
      if (!outcome) throw new Error('ingest returned no outcome');
      const reason = !mapped.tracked
        ? `TMF622 state ${mapped.state} is not tracked by OpsQuest: kept in the log, not applied`
        : outcome.reason;
      const result: Tmf622ListenerResult = {
        eventId: envelope.eventId,
        eventType: envelope.eventType,
        productOrderId: mapped.event.externalKey,
        state: mapped.state,
        eventKey: outcome.eventKey,
        status: outcome.status,
        applied: outcome.applied,
        points: outcome.points,
        ...(reason && outcome.status === 'stored' ? { reason } : {}),
      };
      res.status(201).json(result);
    };
  };

  router.post(`/listener/${TMF622_LISTENERS.create.path}`, listener('create'));
  router.post(`/listener/${TMF622_LISTENERS.stateChange.path}`, listener('stateChange'));
  return router;
}
