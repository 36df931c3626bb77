/** Where a process's CPU went: a `--cpu-prof` profile summarised by owner (package or file) and function. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fmt, isRecord, ROOT, table } from './bench-kit';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export function isCpuProfile(v: unknown): v is CpuProfile {
  return isRecord(v) && Array.isArray(v.nodes) && Array.isArray(v.samples) && Array.isArray(v.timeDeltas) && typeof v.startTime === 'number';
}

/** Where a function lives: an npm package, a workspace file, a Node built-in, or the engine (native code, GC). */
export function ownerOf(url: string): string {
  if (url === '') return '(engine / native)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? path);
  }
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

export const UNOWNED = new Set(['(engine / native)', 'node internals']);

/** Workspace code runs transpiled by tsx, so its line numbers mean nothing: the file names it. */
export function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const owner = ownerOf(url);
  const where = owner === '(engine / native)' ? '' : url.includes('/node_modules/') || url.startsWith('node:') ? ` ${url.replace(/^.*\/node_modules\//, '')}:${lineNumber + 1}` : ` ${owner}`;
  return `${functionName || '(anonymous)'}${where}`;
}

export function summariseProfile(profDir: string, fromUs: number, toUs: number, top = 30): string {
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return 'no .cpuprofile written';
  const parsed: unknown = JSON.parse(readFileSync(join(profDir, file), 'utf8'));
  if (!isCpuProfile(parsed)) return 'not a CPU profile';
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of parsed.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const owners = new Map<string, number>();
  let t = parsed.startTime;
  let inWindow = 0;
  let idle = 0;
  for (let i = 0; i < parsed.samples.length; i += 1) {
    const delta = parsed.timeDeltas[i] ?? 0;
    t += delta;
    if (t < fromUs || t > toUs) continue;
    const leaf = byId.get(parsed.samples[i] ?? -1);
    if (!leaf) continue;
    inWindow += delta;
    if (leaf.callFrame.functionName === '(idle)') {
      idle += delta;
      continue;
    }
    const name = frameName(leaf);
    self.set(name, (self.get(name) ?? 0) + delta);
    const seen = new Set<string>();
    let owner: string | undefined;
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node) break;
      const o = ownerOf(node.callFrame.url);
      if (owner === undefined && !UNOWNED.has(o)) owner = o;
      const key = frameName(node);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + delta);
    }
    owner ??= leaf.callFrame.functionName.startsWith('(') ? leaf.callFrame.functionName : 'node internals (HTTP, streams, timers)';
    owners.set(owner, (owners.get(owner) ?? 0) + delta);
  }
  if (inWindow === 0) return `no samples between the phase marks (profile ${file})`;
  const busy = inWindow - idle;
  const pct = (us: number): string => `${fmt((us / busy) * 100, 1)} %`;
  const rank = (m: Map<string, number>, n: number, skip: (k: string) => boolean = () => false): string[][] =>
    [...m.entries()]
      .filter(([k]) => !skip(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => [k.replace(/\|/g, '\\|'), fmt(us / 1000), pct(us)]);
  const boring = (k: string): boolean => /^\((root|program|anonymous)\)|^(processTicksAndRejections|emit|listOnTimeout|processTimers|onStreamRead|parserOnIncoming|parserOnHeadersComplete|parserOnBody|parserOnMessageComplete) /.test(k);
  return [
    `Profile ${file}: ${fmt(inWindow / 1000)} ms of the measured run sampled, ${fmt((idle / inWindow) * 100, 1)} % idle; shares below are of the busy time.`,
    '',
    '### Time by owner (native and Node-internal time charged to the nearest package or workspace file that called it)',
    '',
    table(['owner', 'ms', 'share'], rank(owners, 30)),
    '',
    `### Top ${top} functions by self time`,
    '',
    table(['function', 'self ms', 'share'], rank(self, top)),
    '',
    `### Top ${top} functions by total (inclusive) time`,
    '',
    table(['function', 'total ms', 'share'], rank(total, top, boring)),
  ].join('\n');
}
