import { z } from 'zod';
import { isoDateTime } from '@opsquest/contracts';

/** The two notifications OpsQuest listens to, by listener path and TMF eventType. */
export const TMF622_LISTENERS = {
  create: { path: 'productOrderCreateEvent', eventType: 'ProductOrderCreateEvent' },
  stateChange: { path: 'productOrderStateChangeEvent', eventType: 'ProductOrderStateChangeEvent' },
} as const;
export type Tmf622Notification = keyof typeof TMF622_LISTENERS;

const characteristicSchema = z.looseObject({ name: z.string(), value: z.unknown().optional() });

/** TMF RelatedParty (spec: id and @referredType required; OpsQuest reads what is there). */
const relatedPartySchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  role: z.string().optional(),
  '@referredType': z.string().optional(),
  characteristic: z.array(characteristicSchema).optional(),
});

const relatedChannelSchema = z.looseObject({ id: z.string().optional(), name: z.string().optional(), role: z.string().optional() });

/**
 * The parts of a TMF622 ProductOrder that OpsQuest reads. Loose: everything else a sender puts
 * in (productOrderItem, notes, prices, ...) is accepted and kept in the raw payload.
 */
export const productOrderSchema = z.looseObject({
  id: z.string().trim().min(1).max(200),
  state: z.string().trim().min(1).max(64).optional(),
  priority: z.union([z.string(), z.number()]).optional(),
  description: z.string().optional(),
  orderDate: isoDateTime.optional(),
  requestedCompletionDate: isoDateTime.optional(),
  channel: z.array(relatedChannelSchema).optional(),
  relatedParty: z.array(relatedPartySchema).optional(),
});

/** The TMF notification envelope: {eventId, eventTime, eventType, correlationId?, event: {productOrder}}. */
const envelopeSchema = z.looseObject({
  eventId: z.string().trim().min(1).max(200),
  eventTime: isoDateTime.optional(),
  eventType: z.string(),
  correlationId: z.string().optional(),
  event: z.looseObject({ productOrder: productOrderSchema }),
});

/** The envelope for one listener: its eventType, a state on state changes, and a time to go by. */
export function tmf622EnvelopeSchema(kind: Tmf622Notification) {
  const expected = TMF622_LISTENERS[kind].eventType;
  return envelopeSchema.superRefine((envelope, ctx) => {
    if (envelope.eventType.toLowerCase() !== expected.toLowerCase()) {
      ctx.addIssue({ code: 'custom', path: ['eventType'], message: `must be ${expected} on this listener` });
    }
    const order = envelope.event.productOrder;
    if (kind === 'stateChange' && order.state === undefined) {
      ctx.addIssue({ code: 'custom', path: ['event', 'productOrder', 'state'], message: 'a state change event needs the new state' });
    }
    if (envelope.eventTime === undefined && order.orderDate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['eventTime'], message: 'eventTime is required (or event.productOrder.orderDate)' });
    }
  });
}

export type Tmf622Envelope = z.infer<typeof envelopeSchema>;
export type ProductOrder = z.infer<typeof productOrderSchema>;
export type RelatedParty = z.infer<typeof relatedPartySchema>;
