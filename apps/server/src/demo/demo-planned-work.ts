import type { Services } from '../services';
import type { Principal } from '../services/use-cases/auth.service';
import { planAlarm } from './traffic-plans';
import type { Random } from './random';

const HOUR = 3_600_000;
const MIN = 60_000;
/** The demo's planned work: a splice on two northern sites, running now, and a power upgrade tomorrow. */
export const DEMO_PLANNED_SITES = ['NTH-0042', 'NTH-0043'] as const;

/**
 * Planned work a newcomer sees in the first minutes: lead1 declares a window running now (two
 * sites) and one for tomorrow, and the splice's first alarms arrive inside the running one, so the
 * board shows them as planned work beside ordinary faults.
 */
export async function seedPlannedWork(services: Services, lead: Principal, rng: Random, now: number): Promise<void> {
  await services.maintenance.declare(lead, {
    title: 'Fibre splice on the northern ring',
    reference: 'CHG-2041',
    scope: { sites: [...DEMO_PLANNED_SITES], regions: [], elements: [] },
    startsAt: new Date(now - 30 * MIN).toISOString(),
    endsAt: new Date(now + 4 * HOUR).toISOString(),
  });
  await services.maintenance.declare(lead, {
    title: 'Power upgrade in the southern exchange',
    reference: 'CHG-2057',
    scope: { sites: ['STH-0007'], regions: [], elements: [] },
    startsAt: new Date(now + 20 * HOUR).toISOString(),
    endsAt: new Date(now + 23 * HOUR).toISOString(),
  });
  const raises = DEMO_PLANNED_SITES.map((site, i) => planAlarm(rng, `W-PW${i + 1}`, now - (12 - 4 * i) * MIN, { region: 'north', site })[0]).filter((p) => p !== undefined);
  await services.ingest.ingest(raises.map((p) => ({ event: p.event, via: 'seed' })));
}
