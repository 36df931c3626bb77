import { describe, expect, it } from 'vitest';
import { actorOf, mapProductOrderEvent, orderTransitionOf, type PersonResolver } from './tmf622.mapper';
import { tmf622EnvelopeSchema } from './tmf622.schema';

const people = new Set(['eng', 'eng2', 'tech']);
const resolve: PersonResolver = (candidate) => (people.has(candidate) ? candidate : undefined);

const envelope = (productOrder: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  tmf622EnvelopeSchema('stateChange').parse({
    eventId: 'e-1',
    eventTime: '2026-11-23T10:00:00+01:00',
    eventType: 'ProductOrderStateChangeEvent',
    event: { productOrder: { id: 'PO-1', state: 'inProgress', ...productOrder } },
    ...extra,
  });

describe('orderTransitionOf', () => {
  it('maps the tracked TMF states case-insensitively and nothing else', () => {
    expect(orderTransitionOf('InProgress')).toBe('inProgress');
    expect(orderTransitionOf('completed')).toBe('completed');
    for (const state of ['partial', 'assessingCancellation', 'pendingCancellation', 'draft']) expect(orderTransitionOf(state)).toBeUndefined();
  });
});

describe('actorOf', () => {
  it('takes a handler role first, matched on id then name', () => {
    expect(actorOf([{ id: 'X-9', name: 'eng2', role: 'Sales Agent' }, { id: 'eng', role: 'orderHandler' }], resolve)).toBe('eng2');
    expect(actorOf([{ id: 'tech', role: 'SELLER' }], resolve)).toBe('tech');
  });

  it('falls back to an Individual who is not the customer', () => {
    expect(actorOf([{ id: 'eng', role: 'customer', '@referredType': 'Individual' }], resolve)).toBeUndefined();
    expect(actorOf([{ id: 'eng', role: 'customer', '@referredType': 'Individual' }, { id: 'eng2', '@referredType': 'individual' }], resolve)).toBe('eng2');
  });

  it('is undefined when no party is an OpsQuest person', () => {
    expect(actorOf([{ id: 'nobody', role: 'orderHandler' }], resolve)).toBeUndefined();
    expect(actorOf([], resolve)).toBeUndefined();
  });
});

describe('mapProductOrderEvent', () => {
  it('maps the envelope and the order onto an order event', () => {
    const mapped = mapProductOrderEvent(
      envelope({
        priority: '0',
        description: 'Move line',
        requestedCompletionDate: '2026-11-30T12:00:00Z',
        channel: [{ id: 'c1' }, { id: 'c2', name: 'Retail store' }],
        relatedParty: [
          { id: 'C-1', name: 'Jane', role: 'Customer', '@referredType': 'Individual', characteristic: [{ name: 'VIP', value: true }] },
          { id: 'eng', role: 'orderHandler', '@referredType': 'Individual' },
        ],
      }),
      resolve,
    );
    expect(mapped).toEqual({
      state: 'inProgress',
      tracked: true,
      event: {
        eventId: 'e-1',
        source: 'tmf622',
        stream: 'order',
        externalKey: 'PO-1',
        transition: 'inProgress',
        occurredAt: '2026-11-23T09:00:00.000Z',
        actor: 'eng',
        attributes: { title: 'Move line', priority: 0, requestedCompletionDate: '2026-11-30T12:00:00Z', channel: 'Retail store', customer: 'Jane', vip: true },
      },
    });
  });

  it('ignores a priority outside "0".."4"; falls back to orderDate for the time; keeps an untracked state by name', () => {
    const mapped = mapProductOrderEvent(envelope({ state: 'partial', priority: 'high', orderDate: '2026-11-20T08:00:00Z' }, { eventTime: undefined }), resolve);
    expect(mapped.tracked).toBe(false);
    expect(mapped.event.transition).toBe('partial');
    expect(mapped.event.occurredAt).toBe('2026-11-20T08:00:00.000Z');
    expect(mapped.event.attributes).toBeUndefined();
  });
});
