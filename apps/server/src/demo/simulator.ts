import { isIncidentChild } from '@opsquest/core';
import { DomainError } from '../services/domain-errors';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { BOT_ENGINEERS, BOT_TECHNICIANS } from './demo-org';
import { Random } from './random';
import { planAlarm, planOrder, planTruckRoll, type PlannedEvent } from './traffic-plans';
import { planTroubleNow } from './trouble-spots';
import { planStorm, stormSite } from './storms';

export interface SimulatorOptions {
  intervalMs: number;
  log?: Logger;
  now?: () => number;
  seed?: number;
  /** how long a simulated minute lasts (default 5 s: the demo runs 12x faster than life) */
  minuteMs?: number;
  maxOpenAlarms?: number;
  /** at least this many simulated minutes between two storms (default 30: one every few minutes of demo time) */
  stormGapMinutes?: number;
}

/**
 * Demo traffic: new alarms, orders and truck-rolls arrive, and simulated colleagues work some of
 * them, all through the real ingest path. About a third of alarms are left for the people trying
 * the demo; work a person has already taken is not taken again (the engine refuses it). Now and
 * then a storm (a fibre cut or power failure and the alarms behind it) arrives at one site within
 * seconds: the door makes it one incident, and a simulated engineer works its root cause only (its
 * clear clears the rest).
 */
export class Simulator {
  private readonly rng: Random;
  private queue: PlannedEvent[] = [];
  private readonly dropped = new Set<string>();
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private counter = 0;
  private lastStormAt = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(
    private readonly services: Services,
    private readonly options: SimulatorOptions,
  ) {
    this.rng = new Random(options.seed ?? Date.now());
    this.now = options.now ?? Date.now;
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.now().toString(36)}${this.counter}`;
  }

  /** open alarms as the board shows them: an incident's children are folded under its root, so a storm is one row */
  private async openAlarms(): Promise<number> {
    return (await this.services.repos.workItems.list({ stream: 'alarm', state: 'open', limit: 500 })).filter((r) => !isIncidentChild(r.item)).length;
  }

  /** Plans new work for this moment. */
  private async generate(now: number): Promise<void> {
    const { rng } = this;
    const minute = this.options.minuteMs ?? 5_000;
    if (rng.chance(0.35) && (await this.openAlarms()) < (this.options.maxOpenAlarms ?? 30)) {
      const region = rng.chance(0.5) ? 'north' : 'south';
      const engineer = rng.chance(0.65) ? rng.pick(BOT_ENGINEERS[region]) : undefined;
      this.queue.push(...planAlarm(rng, this.nextId('S-A'), now, { region, ...(engineer ? { engineer } : {}), flapChance: 0.08 }, minute));
    }
    if (rng.chance(0.12)) {
      const engineer = rng.chance(0.7) ? rng.pick([...BOT_ENGINEERS.north, ...BOT_ENGINEERS.south]) : undefined;
      this.queue.push(...planOrder(rng, this.nextId('S-O'), now, engineer, minute));
    }
    if (rng.chance(0.05)) {
      const forPerson = rng.chance(0.35);
      const technician = forPerson ? 'technician1' : rng.pick(BOT_TECHNICIANS);
      const appointmentAt = now + rng.int(10, 180) * 60_000;
      this.queue.push(...planTruckRoll(rng, this.nextId('S-T'), now, { technician, appointmentAt, forPerson }, forPerson ? 60_000 : minute));
    }
    // now and then the trouble spots again: a recurring fault, or a repeat customer's visit
    if (rng.chance(0.04)) {
      this.queue.push(...planTroubleNow(rng, this.nextId('S-R'), now, { engineers: BOT_ENGINEERS, technicians: BOT_TECHNICIANS }, minute));
    }
    // now and then a storm at one site: one incident (one row on the board, so the open-alarm cap does not
    // hold it back), its root cause worked by a simulated colleague
    const stormGap = (this.options.stormGapMinutes ?? 30) * minute;
    if (now - this.lastStormAt >= stormGap && rng.chance(0.02)) {
      this.lastStormAt = now;
      const region = rng.chance(0.5) ? 'north' : 'south';
      const options = { region, site: stormSite(rng, region), children: rng.int(5, 9), engineer: rng.pick(BOT_ENGINEERS[region]), cause: rng.chance(0.7) ? 'FiberCut' : 'PowerFailure' } as const;
      this.queue.push(...planStorm(rng, this.nextId('S-F'), now, options, minute));
    }
    this.queue.sort((a, b) => a.at - b.at);
  }

  /** One step: plan new work, then play every planned event that is due. */
  async step(): Promise<number> {
    const now = this.now();
    await this.generate(now);
    let played = 0;
    while (this.queue.length > 0 && (this.queue[0]?.at ?? Infinity) <= now) {
      const next = this.queue.shift();
      if (!next || this.dropped.has(next.planId)) continue;
      const event = { ...next.event, occurredAt: new Date(Math.min(next.at, now)).toISOString() };
      try {
        await this.services.ingest.ingest([{ event, via: 'simulator' }], { rejectInvalid: next.bot });
        played += 1;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        this.dropped.add(next.planId);
      }
    }
    return played;
  }

  start(): void {
    const run = async (): Promise<void> => {
      try {
        await this.step();
      } catch (err) {
        this.options.log?.error({ err }, 'simulator step failed');
      }
      if (!this.stopped) this.timer = setTimeout(() => void run(), this.options.intervalMs);
    };
    this.timer = setTimeout(() => void run(), 500);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
