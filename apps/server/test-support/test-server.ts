import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineConfig } from '@opsquest/core';
import pg from 'pg';
import { createOpsQuestServer, type OpsQuestServer } from '../src/app';
import type { ServerConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { hashPassword } from '../src/security/password';

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';
export const TEST_PASSWORD = 'correct horse battery';

export interface TestServer {
  server: OpsQuestServer;
  url: string;
  port: number;
  dbPath: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  config?: Partial<ServerConfig>;
  engine?: Partial<EngineConfig>;
  now?: () => number;
  /** create the standard test people (default true) */
  people?: boolean;
  dir?: string;
}

/** People every test server has: one of each role in two teams. */
export const TEST_PEOPLE = [
  { id: 'p-eng', username: 'eng', displayName: 'Eve Engineer', role: 'engineer', teamId: 't-noc' },
  { id: 'p-eng2', username: 'eng2', displayName: 'Ed Engineer', role: 'engineer', teamId: 't-noc' },
  { id: 'p-tech', username: 'tech', displayName: 'Tia Technician', role: 'technician', teamId: 't-field' },
  { id: 'p-lead', username: 'lead', displayName: 'Leo Lead', role: 'lead', teamId: 't-noc' },
  { id: 'p-admin', username: 'admin', displayName: 'Ada Admin', role: 'admin', teamId: null },
] as const;

let postgresDatabases = 0;
/** a test that restarts a server on the same `dir` gets the same database back */
const postgresByDir = new Map<string, string>();

/**
 * With OPSQUEST_TEST_POSTGRES_URL (a PostgreSQL server's URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)
 * every test server gets a fresh database of its own there: the same tests, run on PostgreSQL.
 */
async function freshPostgresDatabase(dir: string): Promise<string | undefined> {
  const admin = process.env.OPSQUEST_TEST_POSTGRES_URL;
  if (!admin) return undefined;
  const known = postgresByDir.get(dir);
  if (known) return known;
  postgresDatabases += 1;
  const name = `opsquest_t_${process.pid}_${postgresDatabases}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  postgresByDir.set(dir, url.toString());
  return url.toString();
}

/** A real server on a temp SQLite file (or a fresh PostgreSQL database, see freshPostgresDatabase) and a free port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'opsquest-test-'));
  const dbPath = join(dir, 'opsquest.db');
  const databaseUrl = options.config?.databaseUrl ?? (await freshPostgresDatabase(dir));
  const config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    databasePath: dbPath,
    demo: false,
    apiKey: TEST_API_KEY,
    timeZone: 'UTC',
    simulatorIntervalMs: 1000,
    secureCookies: false,
    logLevel: 'silent',
    slaTimerMs: 200,
    liveTickMs: 20,
    // Browser tests may build the SPA into their own folder (parallel builds must not share one).
    ...(process.env.OPSQUEST_WEB_DIST ? { webDistPath: process.env.OPSQUEST_WEB_DIST } : {}),
    ...options.config,
    ...(databaseUrl ? { databaseUrl } : {}),
  };
  const server = await createOpsQuestServer(config, {
    logger: createLogger(config.logLevel),
    ...(options.now ? { now: options.now } : {}),
    ...(options.engine ? { engine: options.engine } : {}),
  });
  if (options.people !== false && (await server.repos.people.countAll()) === 0) {
    const hash = await hashPassword(TEST_PASSWORD);
    const now = Date.now();
    await server.repos.people.createTeam({ id: 't-noc', name: 'NOC Test' }, now);
    await server.repos.people.createTeam({ id: 't-field', name: 'Field Test' }, now);
    for (const p of TEST_PEOPLE) await server.repos.people.createPerson({ ...p, passwordHash: hash, workDays: null }, now);
  }
  const { port, url } = await server.listen();
  return {
    server,
    url,
    port,
    dbPath,
    close: async () => {
      await server.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in over HTTP and returns the session cookie header value. */
export async function login(url: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}

export async function postEvents(url: string, body: unknown, key = TEST_API_KEY): Promise<Response> {
  return fetch(`${url}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}
