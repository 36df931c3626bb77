import { describe, expect, it } from 'vitest';
import type { LiveMessage } from '../services/live/live.types';
import { packLiveMessages, unpackLiveMessages } from './packed-messages';

const small: LiveMessage[] = [{ to: 'person:p1', event: 'level:up', args: [{ personId: 'p1', level: 3, at: 1 }] } as unknown as LiveMessage];

function bigTick(items: number): LiveMessage[] {
  const views = Array.from({ length: items }, (_, i) => ({ id: i + 1, key: `alarm:nms:${i}`, stream: 'alarm', status: 'raised', severity: 'major', title: `Fibre cut near site SITE-${i % 40}`, customers: 120 + i, sla: { response: { dueAt: '2026-12-06T08:00:00.000Z' } } }));
  return [{ to: 'global', event: 'workItem:changed', args: [{ items: views }] } as unknown as LiveMessage, ...small];
}

describe('live ticks between nodes', () => {
  it('travel as plain JSON when small and come back equal', () => {
    const packed = packLiveMessages(small);
    expect(packed.startsWith('j')).toBe(true);
    expect(unpackLiveMessages(packed)).toEqual(small);
  });

  it('are deflated when large, small enough for a NOTIFY, and come back equal', () => {
    const tick = bigTick(200);
    const packed = packLiveMessages(tick);
    expect(packed.startsWith('z')).toBe(true);
    expect(JSON.stringify(tick).length).toBeGreaterThan(35_000);
    expect(packed.length).toBeLessThan(8000);
    expect(unpackLiveMessages(packed)).toEqual(tick);
  });

  it('refuse what is not a packed tick', () => {
    expect(() => unpackLiveMessages('{"to":"global"}')).toThrow(/not a packed live tick/);
    expect(() => unpackLiveMessages('j{"to":"global"}')).toThrow(/no list/);
    expect(() => unpackLiveMessages('zAAAA')).toThrow();
  });
});
