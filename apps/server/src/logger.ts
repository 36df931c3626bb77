import pino from 'pino';

export type Logger = pino.Logger;

/** Field names whose values are secrets wherever they appear (top level and one level deep). */
const SECRET_FIELDS = ['apiKey', 'secret', 'password', 'token', 'key'] as const;

/**
 * Paths pino replaces with REDACTED before a line is written: credentials in request headers
 * (as pino-http serialises them), session cookies being set, and secret-named fields of logged objects.
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
];
export const REDACTED = '[redacted]';

/** The server's logger; `destination` (default stdout) lets tests capture the lines. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = { level, base: { app: 'opsquest' }, redact: { paths: [...REDACT_PATHS], censor: REDACTED } };
  return destination ? pino(options, destination) : pino(options);
}
