/**
 * Sizes for the Alertmanager webhook. An alarm storm arrives as one notification carrying the whole
 * group; refusing it (400 / 413) makes Alertmanager send it again and again and the alarms are lost,
 * so the receiver takes big groups and stores them in chunks.
 */

/** The largest body the Alertmanager webhook reads (32 MB); OPSQUEST_ALERTMANAGER_MAX_BODY_MB overrides it. */
export const ALERTMANAGER_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** At most this many alerts are ingested per awaited call, so a storm never holds the event loop for long. */
export const ALERTMANAGER_INGEST_CHUNK = 100;

/**
 * The body limit in bytes from OPSQUEST_ALERTMANAGER_MAX_BODY_MB (megabytes, may be fractional);
 * unset or empty: ALERTMANAGER_MAX_BODY_BYTES. A value that is not a positive number stops start-up.
 */
export function alertmanagerMaxBodyBytes(megabytes: string | undefined): number {
  if (megabytes === undefined || megabytes.trim() === '') return ALERTMANAGER_MAX_BODY_BYTES;
  const mb = Number(megabytes.trim());
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`Invalid settings: OPSQUEST_ALERTMANAGER_MAX_BODY_MB: expected a positive number of megabytes, got "${megabytes}"`);
  return Math.floor(mb * 1024 * 1024);
}

/** The body is decoded and parsed this many characters at a time, with a turn of the event loop between pieces. */
export const ALERTMANAGER_PARSE_PIECE = 16 * 1024;

/** How long OpsQuest waits for Alertmanager's /api/v2/alerts when it fetches a truncated group. */
export const ALERTMANAGER_API_TIMEOUT_MS = 5_000;

/** The largest /api/v2/alerts answer read (a whole group of a storm fits): beyond it the fetch counts as failed. */
export const ALERTMANAGER_API_MAX_BYTES = 32 * 1024 * 1024;
