/**
 * `npm run cluster`: OpsQuest as several nodes on one machine, for trying it: a local PostgreSQL
 * (kept in data/cluster/, made on first run), two OpsQuest nodes on it (ports 3001 and 3002; the first
 * seeds the demo organisation into an empty database and runs the demo traffic) and a small proxy in
 * front on http://localhost:3000 (scripts/cluster/proxy.ts: what nginx does in production, see
 * docs/DEPLOYMENT.md). Ctrl-C stops the nodes, the proxy and PostgreSQL; the data stays.
 *
 *   npm run cluster                     (CLUSTER_NODES=3 for three nodes, CLUSTER_PG_PORT=5433)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ROOT } from './bench/bench-kit';
import { startProxy } from './cluster/proxy';
import { postgresUnavailable, startPostgresServer } from './cluster/postgres-server';

const NODES = Math.max(2, Number(process.env.CLUSTER_NODES ?? 2));
const PG_PORT = Number(process.env.CLUSTER_PG_PORT ?? 5433);
const PROXY_PORT = Number(process.env.PORT ?? 3000);
const DIR = resolve(ROOT, 'data/cluster/postgres');

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the node on ${url} exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the node on ${url} did not become healthy`);
}

function startNode(index: number, databaseUrl: string, demo: boolean): ChildProcess {
  const port = PROXY_PORT + 1 + index;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/server/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, OPSQUEST_DEMO: demo ? '1' : '0', OPSQUEST_TRUST_PROXY: 'loopback' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[node ${index + 1} :${port}] `;
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString('utf8').replace(/^(?=.)/gm, prefix)));
  return child;
}

async function main(): Promise<void> {
  const why = postgresUnavailable();
  if (why) throw new Error(`npm run cluster needs PostgreSQL: ${why}`);
  console.log(`starting PostgreSQL on 127.0.0.1:${PG_PORT} (data in ${DIR})`);
  const pg = startPostgresServer({ dir: DIR, port: PG_PORT, durable: true, maxConnections: 100 });
  const exists = execFileSync('psql', [pg.url(), '-tAc', "SELECT 1 FROM pg_database WHERE datname = 'opsquest'"], { encoding: 'utf8' }).trim() === '1';
  if (!exists) execFileSync('psql', [pg.url(), '-q', '-c', 'CREATE DATABASE opsquest']);
  const databaseUrl = pg.url('opsquest');

  const nodes: ChildProcess[] = [];
  let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('stopping the nodes, the proxy and PostgreSQL');
    await Promise.all(nodes.map((n) => new Promise<void>((r) => (n.exitCode !== null ? r() : (n.once('exit', () => r()), n.kill('SIGTERM'))))));
    await proxy?.close();
    pg.stop('fast');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  try {
    // the first node migrates and seeds alone; the others start on the ready database
    for (let i = 0; i < NODES; i += 1) {
      const node = startNode(i, databaseUrl, i === 0);
      nodes.push(node);
      await waitHealthy(`http://127.0.0.1:${PROXY_PORT + 1 + i}`, node);
    }
    proxy = await startProxy({ port: PROXY_PORT, host: '0.0.0.0', upstreams: nodes.map((_, i) => ({ host: '127.0.0.1', port: PROXY_PORT + 1 + i })) });
    console.log(`\nOpsQuest cluster: ${NODES} nodes on PostgreSQL ${databaseUrl}, behind http://localhost:${PROXY_PORT}`);
    console.log('Log in as engineer1, technician1, lead1 or admin1 with password opsquest-demo. Ctrl-C stops it.\n');
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await stop(1);
  }
}

void main();
