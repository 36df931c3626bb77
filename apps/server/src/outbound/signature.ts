import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex>` HMAC-SHA256 over `<timestamp>.<body>`, so a captured request cannot be replayed later with a new time. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does to check a delivery (documented in README; used by the tests). */
export function verifySignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
