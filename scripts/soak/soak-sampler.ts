/**
 * What the soak measures inside the server process, every `intervalMs` (5 s): memory, event-loop
 * delay, and the size of the SQLite file and its WAL. Each sample is one JSON line on stdout,
 * `{"soakSample":{...}}`, beside bench-server-main.ts's own lines.
 *
 * Memory: `heapUsed` swings with every garbage collection, so besides the reading at the sample
 * the sampler keeps the lowest of the readings taken every 500 ms in the window (`heapFloorMb`):
 * the floor of the saw-tooth, close to what survived the last collection, which is what a leak
 * raises. No GC is forced: a full collection every few seconds would itself show up in the
 * event-loop delay the soak judges.
 *
 * Event-loop delay: `monitorEventLoopDelay` records the time between the callbacks of its own
 * repeating timer (every `resolution` ms), so an idle loop reads about 10 ms, not 0 (Node 20: an
 * idle minimum of ~9 ms, p99 ~14 ms). The delay is what exceeds the timer's period, so the
 * sampler reports each figure minus the 10 ms resolution (floored at 0), as fastify's
 * under-pressure does. One histogram is reset every window
 * and one for the whole phase (reset when the parent names a new phase on stdin:
 * `soak:phase <name>`), so the soak's overall p99 is a true percentile, not a mean of windows.
 * Naming a phase first writes a last sample of the old one (a part window), then starts the windows
 * of the new one.
 */
import { statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

export interface SoakSample {
  /** the phase the parent named last ('setup' until it names one) */
  phase: string;
  /** wall clock, ms (Date.now(): the parent reads the same clock) */
  atMs: number;
  rssMb: number;
  heapUsedMb: number;
  /** lowest heapUsed of the readings every 500 ms in this window */
  heapFloorMb: number;
  heapTotalMb: number;
  externalMb: number;
  /** event-loop delay over this window, ms (beyond the monitor's 10 ms timer period) */
  loopP50Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
  /** event-loop delay since the phase started, ms */
  phaseLoopP99Ms: number;
  phaseLoopMaxMs: number;
  /** size of `<db>-wal` (0 when there is none) and of the database file, bytes */
  walBytes: number;
  dbBytes: number;
  /** process CPU time so far (user + system), ms */
  cpuMs: number;
}

export const SAMPLE_PREFIX = 'soakSample';
export const PHASE_COMMAND = 'soak:phase';

const MB = 2 ** 20;
const HEAP_READING_MS = 500;
const LOOP_RESOLUTION_MS = 10;

/** A reading of the delay histogram (ns between timer callbacks) as a delay in ms. */
function delayMs(ns: number): number {
  return Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Starts sampling; never keeps the process alive. */
export function startSampler(databasePath: string, intervalMs: number, write: (line: string) => void = (l) => process.stdout.write(l)): void {
  let phase = 'setup';
  const windowDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  const phaseDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  windowDelay.enable();
  phaseDelay.enable();
  let heapFloor = Number.POSITIVE_INFINITY;

  const heapTimer = setInterval(() => {
    heapFloor = Math.min(heapFloor, process.memoryUsage().heapUsed);
  }, HEAP_READING_MS);
  heapTimer.unref();

  const sample = (): SoakSample => {
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    heapFloor = Math.min(heapFloor, m.heapUsed);
    const s: SoakSample = {
      phase,
      atMs: Date.now(),
      rssMb: m.rss / MB,
      heapUsedMb: m.heapUsed / MB,
      heapFloorMb: heapFloor / MB,
      heapTotalMb: m.heapTotal / MB,
      externalMb: (m.external + m.arrayBuffers) / MB,
      loopP50Ms: delayMs(windowDelay.percentile(50)),
      loopP99Ms: delayMs(windowDelay.percentile(99)),
      loopMaxMs: delayMs(windowDelay.max),
      phaseLoopP99Ms: delayMs(phaseDelay.percentile(99)),
      phaseLoopMaxMs: delayMs(phaseDelay.max),
      walBytes: sizeOf(`${databasePath}-wal`),
      dbBytes: sizeOf(databasePath),
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
    windowDelay.reset();
    heapFloor = Number.POSITIVE_INFINITY;
    return s;
  };

  // Windows start with the phase, so a phase's first sample covers a whole window of it.
  let timer: NodeJS.Timeout | undefined;
  const restart = (): void => {
    if (timer) clearInterval(timer);
    timer = setInterval(() => write(`${JSON.stringify({ [SAMPLE_PREFIX]: sample() })}\n`), intervalMs);
    timer.unref();
  };
  restart();

  // A second reader of stdin beside bench-server-main.ts's (each readline interface gets every line).
  createInterface({ input: process.stdin }).on('line', (line) => {
    const [command, name] = line.trim().split(/\s+/);
    if (command !== PHASE_COMMAND || !name) return;
    // the old phase's last, part window: so its samples reach the moment it ended
    write(`${JSON.stringify({ [SAMPLE_PREFIX]: sample() })}\n`);
    phase = name;
    windowDelay.reset();
    phaseDelay.reset();
    heapFloor = Number.POSITIVE_INFINITY;
    restart();
  });
}
