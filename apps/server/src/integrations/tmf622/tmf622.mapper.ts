import { ORDER_TRANSITIONS, type EventAttributes, type OpsEvent, type OrderTransition, type Transition } from '@opsquest/core';
import type { ProductOrder, RelatedParty, Tmf622Envelope } from './tmf622.schema';

export const TMF622_SOURCE = 'tmf622';

/** Roles of the person who handles an order for the provider (compared without case, spaces or dashes). */
const HANDLER_ROLES = new Set(['orderhandler', 'salesagent', 'seller', 'agent']);

/** Finds the OpsQuest username for a party's id or name; undefined when no such person. */
export type PersonResolver = (candidate: string) => string | undefined;
/** The same, asking the people store. */
export type PersonLookup = (candidate: string) => Promise<string | undefined>;

export interface MappedOrderEvent {
  event: OpsEvent;
  /** the TMF state as sent (a create event without one is acknowledged) */
  state: string;
  /** false: a TMF state OpsQuest does not track (partial, assessingCancellation, pendingCancellation, draft, ...) */
  tracked: boolean;
}

const squash = (value: string | undefined): string => (value ?? '').replace(/[\s_-]/g, '').toLowerCase();

/** The OpsQuest order transition for a TMF state, case-insensitively. */
export function orderTransitionOf(state: string): OrderTransition | undefined {
  const wanted = state.trim().toLowerCase();
  return ORDER_TRANSITIONS.find((t) => t.toLowerCase() === wanted);
}

function text(value: string | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

function priorityOf(value: string | number | undefined): number | undefined {
  const s = typeof value === 'number' ? String(value) : value?.trim();
  return s !== undefined && /^[0-4]$/.test(s) ? Number(s) : undefined;
}

const isCustomer = (party: RelatedParty): boolean => squash(party.role) === 'customer';

/**
 * The person who acted: a party in a handler role (orderHandler, salesAgent, seller, agent), else an
 * Individual who is not the customer; matched to an OpsQuest username on the party's id, then name.
 */
export function actorOf(parties: readonly RelatedParty[], resolve: PersonResolver): string | undefined {
  for (const candidate of actorCandidates(parties)) {
    const username = resolve(candidate);
    if (username !== undefined) return username;
  }
  return undefined;
}

/** The ids and names actorOf tries, in its order (trimmed, blanks left out). */
function actorCandidates(parties: readonly RelatedParty[]): string[] {
  const handlers = parties.filter((p) => HANDLER_ROLES.has(squash(p.role)));
  const individuals = parties.filter((p) => !isCustomer(p) && !handlers.includes(p) && squash(p['@referredType']) === 'individual');
  return [...handlers, ...individuals].flatMap((party) => [party.id, party.name].flatMap((candidate) => (candidate?.trim() ? [candidate.trim()] : [])));
}

/**
 * A PersonResolver for actorOf, its candidates looked up in the people store beforehand in the same
 * order and up to the first one found (the mapper itself stays synchronous).
 */
export async function resolverFor(parties: readonly RelatedParty[], lookup: PersonLookup): Promise<PersonResolver> {
  const found = new Map<string, string | undefined>();
  for (const candidate of actorCandidates(parties)) {
    if (found.has(candidate)) continue;
    const username = await lookup(candidate);
    found.set(candidate, username);
    if (username !== undefined) break;
  }
  return (candidate) => found.get(candidate);
}

const TRUTHY = new Set(['true', 'yes', 'y', '1']);

/** A customer is VIP when its name says so ("ACME (VIP)") or it carries a characteristic vip = true. */
function isVip(party: RelatedParty): boolean {
  if (/\bvip\b/i.test(party.name ?? '')) return true;
  return (party.characteristic ?? []).some((c) => squash(c.name) === 'vip' && TRUTHY.has(String(c.value).trim().toLowerCase()));
}

export function orderAttributes(order: ProductOrder): EventAttributes {
  const attributes: EventAttributes = {};
  const title = text(order.description, 300);
  if (title) attributes.title = title;
  const priority = priorityOf(order.priority);
  if (priority !== undefined) attributes.priority = priority;
  if (order.requestedCompletionDate !== undefined) attributes.requestedCompletionDate = order.requestedCompletionDate;
  const channel = text(order.channel?.find((c) => text(c.name, 100))?.name, 100);
  if (channel) attributes.channel = channel;
  const customer = order.relatedParty?.find(isCustomer);
  if (customer) {
    const name = text(customer.name ?? customer.id, 200);
    if (name) attributes.customer = name;
    if (isVip(customer)) attributes.vip = true;
  }
  return attributes;
}

/**
 * A TMF622 notification as an OpsQuest order event. The envelope's eventId is the event's
 * (a redelivery is a duplicate); occurredAt is eventTime, else the order's orderDate.
 *
 * A state OpsQuest does not track keeps its TMF name as the transition: the order lifecycle
 * refuses it ("transition partial does not apply to orders"), so it is kept in the log, not
 * applied, and a replay of the log refuses it the same way.
 */
export function mapProductOrderEvent(envelope: Tmf622Envelope, resolve: PersonResolver): MappedOrderEvent {
  const order = envelope.event.productOrder;
  const state = order.state ?? 'acknowledged';
  const transition = orderTransitionOf(state);
  const when = envelope.eventTime ?? order.orderDate ?? '';
  const actor = actorOf(order.relatedParty ?? [], resolve);
  const attributes = orderAttributes(order);
  const event: OpsEvent = {
    eventId: envelope.eventId,
    source: TMF622_SOURCE,
    stream: 'order',
    externalKey: order.id,
    transition: transition ?? (state as Transition),
    occurredAt: new Date(Date.parse(when)).toISOString(),
    ...(actor !== undefined ? { actor } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
  return { event, state, tracked: transition !== undefined };
}
