/**
 * A fresh Idempotency-Key for one user action (a resend of the same action reuses it).
 * getRandomValues works outside secure contexts too, unlike crypto.randomUUID.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
