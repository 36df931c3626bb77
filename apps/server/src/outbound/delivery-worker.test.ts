import { describe, expect, it } from 'vitest';
import { backoffMs, MAX_ATTEMPTS } from './delivery-worker';
import { signPayload, verifySignature } from './signature';

describe('delivery backoff', () => {
  it('doubles from one second, caps at ten minutes, and adds at most 20 % jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30, () => 0)).toBe(600_000);
    expect(backoffMs(1, () => 1)).toBe(1200);
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(5);
  });
});

describe('webhook signatures', () => {
  it('binds the signature to the secret, the timestamp and the exact body', () => {
    const sig = signPayload('s3cret-s3cret-s3cret', '1700000000', '{"a":1}');
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret-s3cret-s3cret', '1700000000', '{"a":1}', sig)).toBe(true);
    expect(verifySignature('s3cret-s3cret-s3cret', '1700000001', '{"a":1}', sig)).toBe(false);
    expect(verifySignature('s3cret-s3cret-s3cret', '1700000000', '{"a":2}', sig)).toBe(false);
    expect(verifySignature('s3cret-s3cret-s3cret', '1700000000', '{"a":1}', 'sha256=00')).toBe(false);
  });
});
