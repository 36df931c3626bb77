import type { Logger } from '../logger';
import { hashPassword } from '../security/password';
import type { Services } from '../services';
import type { Principal } from '../services/use-cases/auth.service';
import { BOT_ENGINEERS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TEAMS } from './demo-org';
import { Random } from './random';
import { planAlarm, planOrder, planTruckRoll, type PlannedEvent } from './traffic-plans';
import { planTroubleHistory } from './trouble-spots';
import { seedPlannedWork } from './demo-planned-work';
import { planDemoIncident, planStormHistory } from './storms';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const HISTORY_DAYS = 14;

export interface SeedOptions {
  now: number;
  log?: Logger;
  /** how many days of history to play in (default 14) */
  historyDays?: number;
  seed?: number;
}

/** Two weeks of plausible work, so the console has levels, streaks and boards from the first minute. */
export function planHistory(rng: Random, now: number, days: number): PlannedEvent[] {
  const plans: PlannedEvent[] = [];
  const north = [...BOT_ENGINEERS.north, 'engineer1'];
  const south = BOT_ENGINEERS.south;
  const technicians = DEMO_PEOPLE.filter((p) => p.role === 'technician').map((p) => p.username);
  const start = now - days * DAY;
  let n = 0;
  for (let day = 0; day < days; day += 1) {
    const dayStart = start + day * DAY;
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay());
    const alarms = rng.int(weekend ? 10 : 22, weekend ? 18 : 34);
    for (let i = 0; i < alarms; i += 1) {
      const region = rng.chance(0.5) ? 'north' : 'south';
      const at = dayStart + rng.int(0, DAY - 1);
      const engineer = rng.chance(0.85) ? rng.pick(region === 'north' ? north : south) : undefined;
      plans.push(...planAlarm(rng, `H-A${(n += 1)}`, at, { region, ...(engineer ? { engineer } : {}) }));
    }
    const orders = rng.int(weekend ? 2 : 8, weekend ? 5 : 14);
    for (let i = 0; i < orders; i += 1) {
      const at = dayStart + rng.int(7 * HOUR, 19 * HOUR);
      plans.push(...planOrder(rng, `H-O${(n += 1)}`, at, rng.pick([...north, ...south])));
    }
    const visits = weekend ? rng.int(1, 3) : rng.int(6, 10);
    for (let i = 0; i < visits; i += 1) {
      const appointmentAt = dayStart + rng.int(8, 16) * HOUR;
      plans.push(...planTruckRoll(rng, `H-T${(n += 1)}`, appointmentAt - rng.int(2, 30) * HOUR, { technician: rng.pick(technicians), appointmentAt, forPerson: false }));
    }
  }
  // a few sites that keep failing and customers who keep needing a visit (network health, Customers)
  plans.push(...planTroubleHistory(rng, now, days, { engineers: { north, south }, technicians }));
  // now and then a storm: a fibre cut's root cause and the alarms behind it, one incident, cleared together
  plans.push(...planStormHistory(rng, now, days, { north, south }));
  return plans.filter((p) => p.at <= now - 5 * 60_000);
}

/** Work waiting for the people trying the demo: open alarms, an open incident and technician1's visits for today. */
export function planWaitingWork(rng: Random, now: number): PlannedEvent[] {
  const plans: PlannedEvent[] = [];
  for (let i = 0; i < 6; i += 1) {
    plans.push(...planAlarm(rng, `W-A${i + 1}`, now - rng.int(1, 25) * 60_000, { region: i % 2 ? 'south' : 'north' }).slice(0, 1));
  }
  for (let i = 0; i < 3; i += 1) plans.push(...planOrder(rng, `W-O${i + 1}`, now - rng.int(5, 60) * 60_000, undefined));
  const hour = 60 * 60_000;
  [0.5, 2, 4].forEach((h, i) => {
    plans.push(...planTruckRoll(rng, `W-T${i + 1}`, now - hour, { technician: 'technician1', appointmentAt: now + h * hour, forPerson: true }));
  });
  // a fibre cut minutes ago: one open incident on the board (its root cause and a dozen alarms folded under it)
  plans.push(...planDemoIncident(rng, now));
  return plans.filter((p) => p.at <= now);
}

async function demoPrincipal(services: Services, username: string): Promise<Principal> {
  const person = await services.repos.people.findByUsername(username);
  if (!person) throw new Error(`no demo person ${username}`);
  return { kind: 'person', id: person.id, username: person.username, displayName: person.displayName, role: person.role, teamId: person.teamId };
}

/** Each lead runs a mission from a template for their team, before the history plays in (so it has progress). */
async function seedMissions(services: Services): Promise<void> {
  const missions: [lead: string, teamId: string, templateId: string][] = [
    ['lead1', 'team-noc-north', 'critical-sla-week'],
    ['lead2', 'team-noc-south', 'acks-within-target-week'],
    ['lead3', 'team-field-ops', 'first-time-fixes-month'],
  ];
  for (const [lead, teamId, templateId] of missions) {
    await services.missions.create(await demoPrincipal(services, lead), { templateId, audience: { kind: 'team', teamId } });
  }
}

/** A little peer recognition and co-creation to look at: kudos in the feed, a badge proposal waiting for lead1. */
async function seedRecognition(services: Services): Promise<void> {
  const kudos: [from: string, to: string, message: string][] = [
    ['engineer2', 'engineer1', 'Thanks for taking the fibre cut at 3 am, the customers never noticed.'],
    ['technician2', 'technician1', 'Great handover notes on the cabinet job.'],
    ['lead1', 'engineer3', 'Calm and quick during the storm yesterday.'],
  ];
  for (const [from, to, message] of kudos) {
    await services.kudos.give(await demoPrincipal(services, from), { toPersonId: (await demoPrincipal(services, to)).id, message });
  }
  await services.proposals.proposeBadge(await demoPrincipal(services, 'engineer1'), {
    name: 'Night Shift Hero',
    description: 'Resolve 20 alarms on the night shift within their resolution target.',
    icon: 'moon',
    criteria: { stream: 'alarm', effect: 'resolved', conditions: [{ kind: 'nightShift' }, { kind: 'slaMet', target: 'resolution' }], counting: 'count' },
    threshold: 20,
    bonusPoints: 80,
  });
}

/**
 * Seeds the demo organisation (3 teams, 19 people, password `opsquest-demo`) and plays two weeks
 * of history through the real ingest path. Only ever called in demo mode on an empty database.
 * Returns the demo logins.
 */
export async function seedDemoOrganisation(services: Services, options: SeedOptions): Promise<string[]> {
  const { repos } = services;
  const rng = new Random(options.seed ?? 20261124);
  const hashes = await Promise.all(DEMO_PEOPLE.map(() => hashPassword(DEMO_PASSWORD)));
  await repos.uow.run(async () => {
    for (const team of DEMO_TEAMS) await repos.people.createTeam({ id: team.id, name: team.name }, options.now);
    for (const [i, p] of DEMO_PEOPLE.entries()) {
      await repos.people.createPerson({ id: `person-${p.username}`, username: p.username, displayName: p.displayName, role: p.role, teamId: p.teamId, passwordHash: hashes[i] ?? '', workDays: null }, options.now);
    }
  });
  await seedMissions(services);
  const planned = [...planHistory(rng, options.now, options.historyDays ?? HISTORY_DAYS), ...planWaitingWork(rng, options.now)].sort((a, b) => a.at - b.at);
  for (let i = 0; i < planned.length; i += 500) {
    await services.ingest.ingest(planned.slice(i, i + 500).map((p) => ({ event: p.event, via: 'seed' })));
  }
  await seedRecognition(services);
  await seedPlannedWork(services, await demoPrincipal(services, 'lead1'), rng, options.now);
  options.log?.info({ people: DEMO_PEOPLE.length, events: planned.length }, 'demo history played in');
  return DEMO_PEOPLE.map((p) => p.username);
}
