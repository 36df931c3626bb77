import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpsEvent } from '@opsquest/core';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the scripts/ commands as its own process, the way `npm run <name> -- ...` does. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** One alarm's life, with points for `eng`: raised, acknowledged, cleared. */
export function alarmLife(key: string): OpsEvent[] {
  const at = (minutesAgo: number): string => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const base = { source: 'nms', stream: 'alarm', externalKey: key } as const;
  return [
    { ...base, transition: 'raised', occurredAt: at(20), attributes: { perceivedSeverity: 'major', title: `alarm ${key}` } },
    { ...base, transition: 'acknowledged', occurredAt: at(18), actor: 'eng' },
    { ...base, transition: 'cleared', occurredAt: at(5), actor: 'eng' },
  ];
}
