import { describe, expect, it } from 'vitest';
import { workOrderChangeSchema } from '../integrations/workorder/workorder.schema';
import { demoJobDetails } from './demo-job-details';
import { Random } from './random';
import { planTruckRoll } from './traffic-plans';

describe('demo job details', () => {
  it('every demo work order brings an address, a contact, access notes and a checklist the work-order API accepts', () => {
    let withLocation = 0;
    for (let i = 0; i < 50; i += 1) {
      const details = demoJobDetails(`S-T${i}`, 'Replace faulty ONT', i % 2 ? 'NTH-0001' : 'STH-0002');
      const parsed = workOrderChangeSchema.safeParse({ workOrderId: `S-T${i}`, state: 'open', occurredAt: '2026-11-20T10:00:00Z', ...details });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(details.checklist.length).toBeGreaterThan(0);
      if (details.location) withLocation += 1;
    }
    expect(withLocation).toBeGreaterThan(25);
    expect(withLocation).toBeLessThan(50);
  });

  it('are stable per work order, vary between work orders, and ride on the open event', () => {
    expect(demoJobDetails('W-T1', 'Swap radio unit', 'NTH-0042')).toEqual(demoJobDetails('W-T1', 'Swap radio unit', 'NTH-0042'));
    const [open] = planTruckRoll(new Random(7), 'W-T1', Date.parse('2026-11-20T08:00:00Z'), { technician: 'technician1', appointmentAt: Date.parse('2026-11-20T10:00:00Z'), forPerson: true });
    expect(open?.event.attributes).toMatchObject({ address: expect.any(Object), contact: expect.any(Object), accessNotes: expect.any(String), checklist: expect.any(Array) });
    const addresses = new Set(Array.from({ length: 20 }, (_, i) => demoJobDetails(`W-T${i}`, 'Swap radio unit', 'NTH-0042').address.line));
    expect(addresses.size).toBeGreaterThan(10);
  });
});
