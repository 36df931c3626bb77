/**
 * Alertmanager's own alert fingerprint (prometheus/common `LabelSet.Fingerprint()`): FNV-1a 64 over
 * the label names in sorted order, each name and value followed by the separator byte 0xff,
 * printed as 16 lower-case hex digits. Used when a sender leaves `fingerprint` out, so the key is
 * stable across notifications and the same one Alertmanager itself would have sent.
 */
const OFFSET_64 = 0xcbf29ce484222325n;
const PRIME_64 = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;
const SEPARATOR = 0xff;

const encoder = new TextEncoder();

function addByte(hash: bigint, byte: number): bigint {
  return ((hash ^ BigInt(byte)) * PRIME_64) & MASK_64;
}

function addString(hash: bigint, text: string): bigint {
  let h = hash;
  for (const byte of encoder.encode(text)) h = addByte(h, byte);
  return h;
}

/** Byte order, as Go's sort.Strings compares (label names are ASCII in practice). */
function byBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function labelsFingerprint(labels: Readonly<Record<string, string>>): string {
  let hash = OFFSET_64;
  for (const name of Object.keys(labels).sort(byBytes)) {
    hash = addByte(addString(hash, name), SEPARATOR);
    hash = addByte(addString(hash, labels[name] ?? ''), SEPARATOR);
  }
  return hash.toString(16).padStart(16, '0');
}
