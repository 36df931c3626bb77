import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, isoFromNow, liveSocket, uniqueKey } from '../test-support/http';
import { login, startTestServer, TEST_API_KEY } from '../test-support/test-server';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), 'main.ts');

function freePortFrom(url: string): number {
  return Number(new URL(url).port);
}

/** Starts `main.ts` as a real process and resolves once it serves /api/health. */
async function startMain(dbPath: string, port: number): Promise<{ child: ChildProcess; exited: Promise<number | null>; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath, OPSQUEST_API_KEY: TEST_API_KEY, OPSQUEST_DEMO: '0', LOG_LEVEL: 'info', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, exited, output: () => output };
}

describe('graceful shutdown on SIGTERM (main.ts as a real process)', () => {
  let dir: string;
  let dbPath: string;
  let port: number;

  beforeAll(async () => {
    // A database with the test people, made by a test server that is then closed; its port is reused.
    dir = mkdtempSync(join(tmpdir(), 'opsquest-shutdown-'));
    const seed = await startTestServer({ dir });
    port = freePortFrom(seed.url);
    dbPath = seed.dbPath;
    await seed.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops accepting, finishes the request in flight, disconnects sockets, closes the database and exits 0', async () => {
    const server = await startMain(dbPath, port);
    try {
      const url = `http://127.0.0.1:${port}`;
      const socket = liveSocket(url, await login(url, 'eng'));
      await connected(socket);
      const disconnected = new Promise<string>((r) => socket.once('disconnect', (reason) => r(reason)));

      // A request in flight: headers and half of its body are sent before SIGTERM, the rest after.
      const key = uniqueKey('SHUTDOWN');
      const body = JSON.stringify([{ source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-1000) }]);
      const answer = new Promise<{ status: number; text: string }>((resolveAnswer, reject) => {
        const req = request(`${url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${TEST_API_KEY}` } }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.write(body.slice(0, 20));
        setTimeout(() => {
          server.child.kill('SIGTERM');
          // once the listener is closed, a new connection is refused while the old request finishes
          setTimeout(() => {
            void fetch(`${url}/api/health`).then(
              () => reject(new Error('a new request was accepted after SIGTERM')),
              () => req.end(body.slice(20)),
            );
          }, 300);
        }, 100);
      });

      const { status, text } = await answer;
      expect(`${status} ${text}`).toMatch(/^201 /);
      expect(text).toContain(key);
      // "transport close", not "io server disconnect": browsers reconnect by themselves once the server is back
      expect(await disconnected).toBe('transport close');
      expect(await server.exited).toBe(0);
      expect(server.output()).toMatch(/shutting down/);
      socket.close();

      // closed cleanly: the WAL was checkpointed and removed, the file is sound, and the event is there
      expect(existsSync(`${dbPath}-wal`)).toBe(false);
      const db = new Database(dbPath, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('SELECT COUNT(*) AS n FROM events WHERE external_key = ?').get(key)).toEqual({ n: 1 });
      } finally {
        db.close();
      }
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 40_000);
});
