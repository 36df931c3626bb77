/**
 * Bundle budget for the console (issue 3): the JavaScript a browser must load before the console
 * route renders (the entry chunk and everything it imports statically) is at most 250 KB gzipped,
 * and recharts is not part of it. Reads the Vite manifest of `npm run build`. Exit 1 over budget.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const BUDGET_KB = 250;
const dist = resolve(process.env.OPSQUEST_WEB_DIST ?? 'apps/web/dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;

const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
if (!entryKey) throw new Error('no entry chunk in the Vite manifest');

/** The entry and its static imports, transitively: what the first page load needs. */
const initial = new Set<string>();
const visit = (key: string): void => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const dep of manifest[key]?.imports ?? []) visit(dep);
};
visit(entryKey);

const gz = (file: string): number => gzipSync(readFileSync(join(dist, file))).length;
let initialBytes = 0;
let rechartsInInitial = false;
const rows: string[] = [];
for (const key of initial) {
  const chunk = manifest[key];
  if (!chunk) continue;
  const size = gz(chunk.file);
  initialBytes += size;
  if (readFileSync(join(dist, chunk.file), 'utf8').includes('recharts-wrapper')) rechartsInInitial = true;
  rows.push(`  initial  ${(size / 1024).toFixed(1).padStart(7)} KB gz  ${chunk.file}`);
}
const lazy = Object.entries(manifest).filter(([k, c]) => !initial.has(k) && c.file.endsWith('.js'));
for (const [, chunk] of lazy) {
  const recharts = readFileSync(join(dist, chunk.file), 'utf8').includes('recharts-wrapper');
  rows.push(`  lazy     ${(gz(chunk.file) / 1024).toFixed(1).padStart(7)} KB gz  ${chunk.file}${recharts ? '  (recharts)' : ''}`);
}

console.log('Console bundle:');
for (const r of rows) console.log(r);
const kb = initialBytes / 1024;
console.log(`Initial JavaScript: ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB); recharts in the initial load: ${rechartsInInitial ? 'YES' : 'no'}`);
if (kb > BUDGET_KB || rechartsInInitial) {
  console.error('Bundle budget exceeded');
  process.exit(1);
}
