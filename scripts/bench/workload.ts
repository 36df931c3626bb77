/**
 * The benchmarks' workload, generated from a fixed seed so every run and machine sees the same
 * events: an organisation of N people in teams of 10 and a stream of valid lifecycle events in
 * time order. The mix is about 50 % alarm, 30 % order, 15 % truck-roll and 5 % SLA events, and
 * activity is skewed: a few people do much of the work (a Zipf-like weight by person).
 */
import type { OpsEvent, Severity } from '@opsquest/core';
import { Random } from '../../apps/server/src/demo/random';

export const BENCH_SEED = 20261124;

export type BenchRole = 'engineer' | 'technician' | 'lead';

export interface BenchPerson {
  id: string;
  username: string;
  displayName: string;
  role: BenchRole;
  teamId: string;
}

export interface BenchTeam {
  id: string;
  name: string;
}

export interface Organisation {
  teams: BenchTeam[];
  people: BenchPerson[];
  engineers: BenchPerson[];
  technicians: BenchPerson[];
}

/** Teams of 10: a lead, then engineers (NOC teams) or technicians (field teams, one in four). */
export function makeOrganisation(size: number): Organisation {
  const teams: BenchTeam[] = [];
  const people: BenchPerson[] = [];
  const teamCount = Math.max(1, Math.ceil(size / 10));
  for (let t = 0; t < teamCount; t += 1) {
    const field = t % 4 === 3;
    const team = { id: `bt-${t}`, name: `${field ? 'Field' : 'NOC'} team ${t}` };
    teams.push(team);
    for (let m = 0; m < 10 && people.length < size; m += 1) {
      const n = people.length;
      const role: BenchRole = m === 0 ? 'lead' : field ? 'technician' : 'engineer';
      people.push({ id: `bp-${n}`, username: `bench${n}`, displayName: `Bench Person ${n}`, role, teamId: team.id });
    }
  }
  return { teams, people, engineers: people.filter((p) => p.role === 'engineer'), technicians: people.filter((p) => p.role === 'technician') };
}

/** Samples people with a Zipf-like skew (weight 1 / (rank + 5)^0.9), by binary search over the cumulative weights. */
export class SkewedPicker<T> {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly items: readonly T[],
    exponent = 0.9,
  ) {
    this.cumulative = new Float64Array(items.length);
    let total = 0;
    for (let i = 0; i < items.length; i += 1) {
      total += 1 / (i + 5) ** exponent;
      this.cumulative[i] = total;
    }
  }

  pick(rng: Random): T {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const roll = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) < roll) lo = mid + 1;
      else hi = mid;
    }
    const item = this.items[lo];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

type Kind = 'alarm' | 'order' | 'truckroll' | 'sla';

interface Open {
  stream: 'alarm' | 'order' | 'truckroll';
  externalKey: string;
  source: string;
  /** the transitions still to come, in order */
  next: { transition: OpsEvent['transition']; actor?: string; attributes?: OpsEvent['attributes'] }[];
  slaSent: boolean;
}

export interface WorkloadOptions {
  seed?: number;
  org: Organisation;
  /** time of the first event (ms) */
  start: number;
  /** ms between consecutive events */
  stepMs?: number;
  /** prefix of external keys, so several runs on one database do not collide */
  prefix?: string;
}

const SEVERITIES: readonly (readonly [Severity, number])[] = [
  ['critical', 10],
  ['major', 25],
  ['minor', 30],
  ['warning', 30],
  ['indeterminate', 5],
];

/**
 * An endless stream of events in time order. Each call to `next()` returns one event; the stream
 * keeps a pool of open items per stream and either opens a new one or advances an open one.
 */
export class Workload {
  private readonly rng: Random;
  private readonly engineers: SkewedPicker<BenchPerson>;
  private readonly technicians: SkewedPicker<BenchPerson>;
  private readonly open: Record<Open['stream'], Open[]> = { alarm: [], order: [], truckroll: [] };
  private at: number;
  private serial = 0;
  private readonly step: number;
  private readonly prefix: string;
  readonly counts: Record<Kind, number> = { alarm: 0, order: 0, truckroll: 0, sla: 0 };

  constructor(options: WorkloadOptions) {
    this.rng = new Random(options.seed ?? BENCH_SEED);
    const engineers = options.org.engineers.length > 0 ? options.org.engineers : options.org.people;
    const technicians = options.org.technicians.length > 0 ? options.org.technicians : options.org.people;
    this.engineers = new SkewedPicker(engineers);
    this.technicians = new SkewedPicker(technicians);
    this.at = options.start;
    this.step = options.stepMs ?? 50;
    this.prefix = options.prefix ?? 'w';
  }

  /** The next n events. */
  take(n: number): OpsEvent[] {
    const out: OpsEvent[] = [];
    for (let i = 0; i < n; i += 1) out.push(this.next());
    return out;
  }

  next(): OpsEvent {
    this.at += this.step;
    const kind = this.rng.weighted<Kind>([
      ['alarm', 50],
      ['order', 30],
      ['truckroll', 15],
      ['sla', 5],
    ]);
    if (kind === 'sla') {
      const event = this.sla();
      if (event) {
        this.counts.sla += 1;
        return event;
      }
      return this.next();
    }
    this.counts[kind] += 1;
    const pool = this.open[kind];
    // Advance an open item most of the time once enough are open, else open a new one.
    if (pool.length > 20 && this.rng.chance(0.75)) return this.advance(pool);
    return this.openItem(kind);
  }

  private iso(): string {
    return new Date(this.at).toISOString();
  }

  private openItem(stream: Open['stream']): OpsEvent {
    this.serial += 1;
    const externalKey = `${this.prefix}-${stream[0]}${this.serial}`;
    const rng = this.rng;
    if (stream === 'alarm') {
      const engineer = this.engineers.pick(rng).username;
      const serviceAffecting = rng.chance(0.3);
      const next: Open['next'] = [{ transition: 'acknowledged', actor: engineer }];
      if (rng.chance(0.5)) next.push({ transition: 'commented', actor: engineer, attributes: { notes: 'Checking the far end' } });
      next.push({ transition: 'cleared', actor: engineer });
      this.open.alarm.push({ stream, externalKey, source: 'bench-nms', next, slaSent: false });
      const site = `S-${rng.int(1, 5000)}`;
      return {
        source: 'bench-nms',
        stream,
        externalKey,
        transition: 'raised',
        occurredAt: this.iso(),
        attributes: {
          perceivedSeverity: rng.weighted(SEVERITIES),
          probableCause: 'LinkDown',
          alarmedObject: `${site}/xe-0/0/1`,
          title: `LinkDown on ${site}`,
          serviceAffecting,
          customersAffected: serviceAffecting ? rng.int(50, 5000) : 0,
          region: rng.chance(0.5) ? 'north' : 'south',
          site,
        },
      };
    }
    if (stream === 'order') {
      const engineer = this.engineers.pick(rng).username;
      const next: Open['next'] = [{ transition: 'inProgress', actor: engineer }, { transition: rng.chance(0.95) ? 'completed' : 'failed', actor: engineer }];
      this.open.order.push({ stream, externalKey, source: 'bench-bss', next, slaSent: false });
      const vip = rng.chance(0.12);
      return {
        source: 'bench-bss',
        stream,
        externalKey,
        transition: 'acknowledged',
        occurredAt: this.iso(),
        attributes: { title: `Fibre 1G for account ${rng.int(10000, 99999)}`, priority: rng.int(0, 4), vip, channel: 'web', customersAffected: vip ? 500 : 1 },
      };
    }
    const tech = this.technicians.pick(rng).username;
    const next: Open['next'] = [
      { transition: 'dispatched', actor: tech },
      { transition: 'onSite', actor: tech },
      rng.chance(0.92) ? { transition: 'completed', actor: tech, attributes: { firstTimeFix: rng.chance(0.8) } } : { transition: 'unableToComplete', actor: tech, attributes: { notes: 'No access' } },
    ];
    this.open.truckroll.push({ stream, externalKey, source: 'bench-fsm', next, slaSent: false });
    const site = `S-${rng.int(1, 50000)}`;
    return {
      source: 'bench-fsm',
      stream,
      externalKey,
      transition: 'open',
      occurredAt: this.iso(),
      attributes: {
        title: `Replace faulty ONT at ${site}`,
        technician: tech,
        site,
        priority: rng.int(0, 3),
        customer: `customer ${rng.int(1, 1_000_000)}`,
        customersAffected: rng.int(1, 40),
        appointmentStart: new Date(this.at + 3_600_000).toISOString(),
        appointmentEnd: new Date(this.at + 3 * 3_600_000).toISOString(),
      },
    };
  }

  private advance(pool: Open[]): OpsEvent {
    // Oldest first most of the time: items move through their lifecycle roughly in order.
    const index = this.rng.chance(0.8) ? 0 : this.rng.int(0, pool.length - 1);
    const item = pool[index];
    if (!item) throw new Error('advance on an empty pool');
    const step = item.next.shift();
    if (!step) throw new Error('an open item with nothing left to do');
    if (item.next.length === 0) pool.splice(index, 1);
    return {
      source: item.source,
      stream: item.stream,
      externalKey: item.externalKey,
      transition: step.transition,
      occurredAt: this.iso(),
      ...(step.actor ? { actor: step.actor } : {}),
      ...(step.attributes ? { attributes: step.attributes } : {}),
    };
  }

  /** An SLA timer event for an open item that has not had one yet. */
  private sla(): OpsEvent | undefined {
    const streams: Open['stream'][] = ['alarm', 'order', 'truckroll'];
    const pool = this.open[this.rng.pick(streams)];
    const item = pool.find((o) => !o.slaSent);
    if (!item) return undefined;
    item.slaSent = true;
    return {
      source: item.source,
      stream: item.stream,
      externalKey: item.externalKey,
      transition: this.rng.chance(0.6) ? 'slaAtRisk' : 'slaBreached',
      occurredAt: this.iso(),
      attributes: { slaTarget: 'resolution' },
    };
  }
}
