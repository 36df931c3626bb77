/**
 * Imports history into a running OpsQuest: `OPSQUEST_API_KEY=… npm run import -- history.csv`
 * (or .jsonl). Dry run first by default; add --apply to store. Prints the report.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { url: { type: 'string', default: process.env.OPSQUEST_URL ?? 'http://localhost:3000' }, apply: { type: 'boolean', default: false } },
});
const file = positionals[0];
const key = process.env.OPSQUEST_API_KEY;
if (!file || !key) {
  console.error('usage: OPSQUEST_API_KEY=<key with import:write> npm run import -- <file.csv|file.jsonl> [--apply] [--url http://host:3000]');
  process.exit(2);
}
const type = file.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson';
const res = await fetch(`${values.url}/api/import?dryRun=${values.apply ? 'false' : 'true'}`, {
  method: 'POST',
  headers: { 'content-type': type, authorization: `Bearer ${key}` },
  body: readFileSync(file, 'utf8'),
});
const report = (await res.json()) as { rejected?: { line: number; reason: string }[] } & Record<string, unknown>;
const { rejected = [], ...summary } = report;
console.log(res.status, JSON.stringify(summary));
for (const r of rejected) console.log(`  line ${r.line}: ${r.reason}`);
if (!values.apply) console.log('Dry run: nothing stored. Run again with --apply to import.');
process.exitCode = res.ok ? 0 : 1;
