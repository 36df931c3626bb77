import type { Random } from './random';
import { planAlarm, planTruckRoll, REAL_MINUTE, type PlannedEvent } from './traffic-plans';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Sites the demo network keeps failing at (the same cause each time): network health's recurring faults. */
export const TROUBLE_SITES = [
  { region: 'north', site: 'NTH-0042', cause: 'FiberCut' },
  { region: 'south', site: 'STH-0107', cause: 'PowerFailure' },
  { region: 'north', site: 'NTH-0013', cause: 'HighTemperature' },
] as const;

/** Customers the field keeps going back to: the Customers page's repeat visits. */
export const REPEAT_CUSTOMERS = [
  { customer: 'customer 4711', site: 'NTH-0042' },
  { customer: 'VIP customer 1024', site: 'STH-0107' },
  { customer: 'customer 2960', site: 'NTH-0088' },
] as const;

export interface TroubleCrew {
  engineers: { north: readonly string[]; south: readonly string[] };
  technicians: readonly string[];
}

/**
 * The seeded history's trouble: each trouble site fails every two to four days and each repeat
 * customer gets a visit every three to six days, so the first screen of network health and of
 * the Customers page has ranked rows (most of it worked by the simulated colleagues).
 */
export function planTroubleHistory(rng: Random, now: number, days: number, crew: TroubleCrew): PlannedEvent[] {
  const plans: PlannedEvent[] = [];
  let n = 0;
  for (const spot of TROUBLE_SITES) {
    for (let at = now - days * DAY + rng.int(0, 2 * DAY); at < now - 6 * HOUR; at += rng.int(2 * DAY, 4 * DAY)) {
      const engineer = rng.chance(0.85) ? rng.pick(crew.engineers[spot.region]) : undefined;
      plans.push(...planAlarm(rng, `H-R${(n += 1)}`, at, { region: spot.region, site: spot.site, cause: spot.cause, ...(engineer ? { engineer } : {}) }));
    }
  }
  for (const place of REPEAT_CUSTOMERS) {
    for (let at = now - days * DAY + rng.int(0, 3 * DAY); at < now - DAY; at += rng.int(3 * DAY, 6 * DAY)) {
      const appointmentAt = at + rng.int(2, 30) * HOUR;
      plans.push(...planTruckRoll(rng, `H-V${(n += 1)}`, at, { technician: rng.pick(crew.technicians), appointmentAt, forPerson: false, ...place }));
    }
  }
  return plans;
}

/** Live traffic: a fault at a trouble site, or a visit booked for a repeat customer (worked by a simulated colleague). */
export function planTroubleNow(rng: Random, id: string, now: number, crew: TroubleCrew, min = REAL_MINUTE): PlannedEvent[] {
  if (rng.chance(0.5)) {
    const spot = rng.pick(TROUBLE_SITES);
    const engineer = rng.chance(0.65) ? rng.pick(crew.engineers[spot.region]) : undefined;
    return planAlarm(rng, `${id}A`, now, { region: spot.region, site: spot.site, cause: spot.cause, ...(engineer ? { engineer } : {}) }, min);
  }
  const place = rng.pick(REPEAT_CUSTOMERS);
  return planTruckRoll(rng, `${id}T`, now, { technician: rng.pick(crew.technicians), appointmentAt: now + rng.int(10, 60) * min, forPerson: false, ...place }, min);
}
