/**
 * What every benchmark shares: percentiles, a printed table, the machine it ran on, and writing
 * its results into its own section of docs/BENCHMARKS.md (between `<!-- bench:ID -->` markers,
 * so each benchmark can be re-run alone without touching the others).
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Repositories } from '../../apps/server/src/services/ports/repositories';
import type { Organisation } from './workload';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCHMARKS_MD = resolve(ROOT, 'docs/BENCHMARKS.md');

/** A scrypt hash of "bench-password" made once: hashing 100k passwords would dominate set-up. */
export const BENCH_PASSWORD = 'bench-password';
export const BENCH_PASSWORD_HASH = 'scrypt$32768$8$1$TxPUTQBSsHy7u_7x6qML3w$uIlLbqEL1EEH0eV17uSDccx36IaS2IJHWNMBIxgpfwY';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function summarise(samples: readonly number[]): { n: number; p50: number; p99: number; max: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN, mean };
}

export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '–';
  return n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.versions.node}, SQLite ${sqliteVersion()}`;
}

let sqlite: string | undefined;
/** The SQLite version better-sqlite3 was built with (the one every benchmark runs on). */
function sqliteVersion(): string {
  if (sqlite === undefined) {
    const db = new Database(':memory:');
    sqlite = String(db.prepare('SELECT sqlite_version()').pluck().get());
    db.close();
  }
  return sqlite;
}

/** A markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function isSmoke(): boolean {
  return process.env.BENCH_SIZE === 'smoke';
}

/**
 * Replaces (or appends) the section of docs/BENCHMARKS.md for one benchmark. Smoke runs never write:
 * the file holds real measurements only.
 */
export function writeSection(id: string, title: string, body: string): void {
  console.log(`\n## ${title}\n\n${body}\n`);
  if (isSmoke() || process.env.BENCH_WRITE === '0') return;
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const section = `${start}\n## ${title}\n\nRun ${when} UTC on ${machine()}.\n\n${body}\n${end}`;
  const current = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? `${current.slice(0, from)}${section}${current.slice(to + end.length)}` : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(BENCHMARKS_MD, next);
}

/** Teams and people of a generated organisation, in one transaction. */
export async function insertOrganisation(repos: Repositories, org: Organisation, now = Date.now()): Promise<void> {
  await repos.uow.run(async () => {
    for (const t of org.teams) await repos.people.createTeam(t, now);
    for (const p of org.people) await repos.people.createPerson({ ...p, passwordHash: BENCH_PASSWORD_HASH, workDays: null }, now);
  });
}

export function heapMb(): number {
  return process.memoryUsage().heapUsed / 2 ** 20;
}

export function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

/** Exit codes of a benchmark process. */
export const EXIT = { met: 0, failed: 1, notMet: 3 } as const;

/** How a benchmark file ends when run on its own: exit 0 when its target is met, 3 when not, 1 on error. */
export function finish(run: () => Promise<boolean> | boolean): void {
  Promise.resolve()
    .then(run)
    .then(
      (met) => process.exit(met ? EXIT.met : EXIT.notMet),
      (err: unknown) => {
        console.error(err);
        process.exit(EXIT.failed);
      },
    );
}

/** A TCP port nobody listens on now (for a child server or redis-server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A server child process's graceful exit: close once, then exit 0. Wired to SIGTERM and SIGINT; returned for other triggers. */
export function exitOnSignals(server: { close(): Promise<void> }): () => Promise<void> {
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  return stop;
}

/** Each line of a child's output, parsed as JSON when it is (undefined when not), with the line itself. */
export function onJsonLines(input: Readable, onLine: (msg: unknown, line: string) => void): void {
  createInterface({ input }).on('line', (line) => {
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      msg = undefined;
    }
    onLine(msg, line);
  });
}
