import { z } from 'zod';
import { isValidTimeZone } from '@opsquest/core';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('data/opsquest.db'),
  OPSQUEST_DEMO: flag,
  OPSQUEST_API_KEY: z.string().min(16, 'OPSQUEST_API_KEY must be at least 16 characters').optional(),
  OPSQUEST_TIMEZONE: z.string().refine(isValidTimeZone, 'not an IANA time zone').default('UTC'),
  OPSQUEST_SIMULATOR_INTERVAL_MS: z.coerce.number().int().min(50).default(2500),
  OPSQUEST_SECURE_COOKIES: flag,
  // days to keep raw payloads (events.raw); unset or empty: kept forever
  OPSQUEST_RETENTION_DAYS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export interface ServerConfig {
  port: number;
  host: string;
  databasePath: string;
  demo: boolean;
  apiKey?: string;
  timeZone: string;
  simulatorIntervalMs: number;
  /** Secure cookies: on when behind TLS */
  secureCookies: boolean;
  logLevel: string;
  /** raw payloads (events.raw) older than this many days are pruned daily; undefined: kept forever */
  retentionDays?: number;
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
    demo: e.OPSQUEST_DEMO,
    ...(e.OPSQUEST_API_KEY ? { apiKey: e.OPSQUEST_API_KEY } : {}),
    timeZone: e.OPSQUEST_TIMEZONE,
    ...(e.OPSQUEST_RETENTION_DAYS !== undefined ? { retentionDays: e.OPSQUEST_RETENTION_DAYS } : {}),
    simulatorIntervalMs: e.OPSQUEST_SIMULATOR_INTERVAL_MS,
    secureCookies: e.OPSQUEST_SECURE_COOKIES,
    logLevel: e.LOG_LEVEL,
    slaTimerMs: 1000,
    liveTickMs: 150,
  };
}
