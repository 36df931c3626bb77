import { describe, expect, it } from 'vitest';
import { dedupKeyOf, type OpsEvent } from './event';

describe('dedupKeyOf', () => {
  const base: OpsEvent = { source: 'nms', stream: 'alarm', externalKey: 'A1', transition: 'raised', occurredAt: '2026-11-20T08:15:02Z' };

  it('keys on the instant, however the time is written', () => {
    const spellings = ['2026-11-20T08:15:02Z', '2026-11-20T08:15:02.000Z', '2026-11-20T08:15:02+00:00', '2026-11-20T09:15:02+01:00'];
    const keys = new Set(spellings.map((occurredAt) => dedupKeyOf({ ...base, occurredAt })));
    expect(keys.size).toBe(1);
  });

  it('tells apart transitions, items, SLA targets and instants', () => {
    const keys = new Set([
      dedupKeyOf(base),
      dedupKeyOf({ ...base, transition: 'cleared' }),
      dedupKeyOf({ ...base, externalKey: 'A2' }),
      dedupKeyOf({ ...base, occurredAt: '2026-11-20T08:15:03Z' }),
      dedupKeyOf({ ...base, transition: 'slaBreached', attributes: { slaTarget: 'response' } }),
      dedupKeyOf({ ...base, transition: 'slaBreached', attributes: { slaTarget: 'resolution' } }),
    ]);
    expect(keys.size).toBe(6);
  });

  it("uses the sender's event id, scoped by source, when there is one", () => {
    expect(dedupKeyOf({ ...base, eventId: 'x1' })).toBe('nms#x1');
    expect(dedupKeyOf({ ...base, eventId: 'x1', occurredAt: '2026-11-21T00:00:00Z' })).toBe('nms#x1');
    expect(dedupKeyOf({ ...base, source: 'other', eventId: 'x1' })).not.toBe('nms#x1');
  });
});
