import { describe, expect, it } from 'vitest';
import { mapWorkOrderChange, TRANSITION_BY_STATE } from './workorder.mapper';
import { WORK_ORDER_STATES } from './workorder.schema';

describe('mapWorkOrderChange', () => {
  it('maps every state onto a truck-roll transition', () => {
    expect(WORK_ORDER_STATES.map((s) => TRANSITION_BY_STATE[s])).toEqual(['open', 'dispatched', 'onSite', 'completed', 'cancelled', 'unableToComplete', 'rated']);
  });

  it('makes the technician the actor of their own actions only', () => {
    const base = { workOrderId: 'WO-1', occurredAt: '2026-11-20T10:00:00Z', technician: 'tech' };
    for (const state of WORK_ORDER_STATES) {
      const event = mapWorkOrderChange({ ...base, state });
      expect(event.attributes?.technician).toBe('tech');
      expect(event.actor, state).toBe(['inProgress', 'completed', 'unableToComplete'].includes(state) ? 'tech' : undefined);
    }
  });

  it('carries the optional fields as attributes and defaults the source', () => {
    const event = mapWorkOrderChange({
      eventId: 'x-1',
      workOrderId: 'WO-2',
      state: 'completed',
      occurredAt: '2026-11-20T10:00:00Z',
      site: 'S',
      region: 'R',
      customer: 'C',
      priority: 0,
      appointment: { start: '2026-11-20T08:00:00Z', end: '2026-11-20T12:00:00Z' },
      firstTimeFix: true,
      notes: 'n',
      vip: true,
      title: 'T',
    });
    expect(event).toEqual({
      eventId: 'x-1',
      source: 'workorder',
      stream: 'truckroll',
      externalKey: 'WO-2',
      transition: 'completed',
      occurredAt: '2026-11-20T10:00:00Z',
      attributes: {
        title: 'T',
        site: 'S',
        region: 'R',
        customer: 'C',
        priority: 0,
        appointmentStart: '2026-11-20T08:00:00Z',
        appointmentEnd: '2026-11-20T12:00:00Z',
        firstTimeFix: true,
        notes: 'n',
        vip: true,
      },
    });
    expect(mapWorkOrderChange({ workOrderId: 'WO-3', state: 'open', occurredAt: '2026-11-20T10:00:00Z', source: 'fsm' }).source).toBe('fsm');
  });

  it('carries the job details as they came, and leaves them out when absent', () => {
    const job = {
      address: { line: '12 Harbour Road', city: 'Porto', postcode: '4000-123', country: 'PT' },
      location: { lat: 41.1496, lon: -8.611 },
      contact: { name: 'Rita Sousa', phone: '+351 912 345 678' },
      accessNotes: 'Key at the café next door',
      checklist: [{ id: 'power', label: 'Check power' }],
    };
    const event = mapWorkOrderChange({ workOrderId: 'WO-4', state: 'open', occurredAt: '2026-11-20T10:00:00Z', ...job });
    expect(event.attributes).toEqual(job);
    const bare = mapWorkOrderChange({ workOrderId: 'WO-5', state: 'open', occurredAt: '2026-11-20T10:00:00Z' });
    expect(bare.attributes).toBeUndefined();
  });
});
