import { z } from 'zod';
import { isIP } from 'node:net';
import { isValidTimeZone } from '@opsquest/core';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** A hop count, or names, addresses and ranges as Express's "trust proxy" (proxy-addr) accepts them. */
function isTrustProxy(value: string): boolean {
  if (/^\d+$/.test(value)) return true;
  return value.split(',').every((part) => {
    const [ip = '', range, ...rest] = part.trim().split('/');
    if (rest.length > 0) return false;
    if (range === undefined && ['loopback', 'linklocal', 'uniquelocal'].includes(ip)) return true;
    return isIP(ip) !== 0 && (range === undefined || /^\d+$/.test(range) || isIP(range) === 4);
  });
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('data/opsquest.db'),
  // PostgreSQL instead of the SQLite file: postgres://user:password@host:5432/database (several nodes share it)
  DATABASE_URL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v), 'a postgres:// or postgresql:// URL')
      .optional(),
  ),
  // connections per node to PostgreSQL
  OPSQUEST_PG_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
  OPSQUEST_DEMO: flag,
  OPSQUEST_API_KEY: z.string().min(16, 'OPSQUEST_API_KEY must be at least 16 characters').optional(),
  OPSQUEST_TIMEZONE: z.string().refine(isValidTimeZone, 'not an IANA time zone').default('UTC'),
  OPSQUEST_SIMULATOR_INTERVAL_MS: z.coerce.number().int().min(50).default(2500),
  OPSQUEST_SECURE_COOKIES: flag,
  // which proxies' X-Forwarded-* headers to believe (Express "trust proxy"): unset or empty trusts none
  OPSQUEST_TRUST_PROXY: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().refine(isTrustProxy, 'a hop count, or a comma-separated list of loopback / linklocal / uniquelocal / IP addresses / CIDR ranges').optional(),
  ),
  // days to keep raw payloads (events.raw); unset or empty: kept forever
  OPSQUEST_RETENTION_DAYS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).optional()),
  // source clocks: seconds an event may be dated ahead of the server clock; hours after which late work pays nothing
  OPSQUEST_MAX_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  OPSQUEST_PAY_HORIZON_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(72),
  // alarms at one site (or network element) starting within this many minutes of each other are one incident; 0 turns it off
  OPSQUEST_INCIDENT_WINDOW_MINUTES: z.coerce.number().min(0).max(24 * 60).default(5),
  // how long a technician's phone may have been offline for an action queued there to keep the time it was taken
  OPSQUEST_MAX_OFFLINE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export interface ServerConfig {
  port: number;
  host: string;
  databasePath: string;
  /** PostgreSQL's URL: when set the node uses PostgreSQL instead of the SQLite file (never logged: it may hold a password) */
  databaseUrl?: string;
  /** connections this node opens to PostgreSQL */
  pgPoolMax?: number;
  demo: boolean;
  apiKey?: string;
  timeZone: string;
  simulatorIntervalMs: number;
  /** Secure cookies: on when behind TLS */
  secureCookies: boolean;
  /** Express "trust proxy" value (`loopback`, IPs/CIDRs, or a hop count); undefined: no proxy is trusted */
  trustProxy?: string;
  logLevel: string;
  /** raw payloads (events.raw) older than this many days are pruned daily; undefined: kept forever */
  retentionDays?: number;
  /** an event dated more than this ahead of the server clock is refused */
  maxClockSkewMs?: number;
  /** work received more than this after it happened pays nothing (outside a history import) */
  payHorizonMs?: number;
  /** alarms at one place starting within this of an incident's latest alarm join it (0: off) */
  incidentWindowMs?: number;
  /** the longest offline period an offline-queued action's own time is believed for */
  maxOfflineMs?: number;
  /** where the built SPA lives; served when present */
  webDistPath?: string;
  /** SLA timer period */
  slaTimerMs: number;
  /** live update coalescing tick */
  liveTickMs: number;
  /** how often the WAL is checkpointed on the worker thread (default 1000 ms) */
  checkpointMs?: number;
  /** how often the webhook delivery worker looks for due retries */
  deliveryPeriodMs?: number;
  /** several nodes: how long after start a node relays every live message, before the others have told their rooms (default 5 s) */
  clusterRoomsGraceMs?: number;
}

/** Settings from the environment, validated; a bad value stops start-up with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid settings: ${detail}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL, pgPoolMax: e.OPSQUEST_PG_POOL_MAX } : {}),
    demo: e.OPSQUEST_DEMO,
    ...(e.OPSQUEST_API_KEY ? { apiKey: e.OPSQUEST_API_KEY } : {}),
    timeZone: e.OPSQUEST_TIMEZONE,
    ...(e.OPSQUEST_RETENTION_DAYS !== undefined ? { retentionDays: e.OPSQUEST_RETENTION_DAYS } : {}),
    simulatorIntervalMs: e.OPSQUEST_SIMULATOR_INTERVAL_MS,
    secureCookies: e.OPSQUEST_SECURE_COOKIES,
    ...(e.OPSQUEST_TRUST_PROXY ? { trustProxy: e.OPSQUEST_TRUST_PROXY } : {}),
    logLevel: e.LOG_LEVEL,
    maxClockSkewMs: e.OPSQUEST_MAX_CLOCK_SKEW_SECONDS * 1000,
    payHorizonMs: e.OPSQUEST_PAY_HORIZON_HOURS * 3_600_000,
    incidentWindowMs: e.OPSQUEST_INCIDENT_WINDOW_MINUTES * 60_000,
    maxOfflineMs: e.OPSQUEST_MAX_OFFLINE_HOURS * 3_600_000,
    slaTimerMs: 1000,
    liveTickMs: 150,
  };
}
