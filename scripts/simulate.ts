/**
 * Sends demo traffic to a running OpsQuest over real HTTP (POST /api/events with an API key), the
 * way an integration would: `OPSQUEST_API_KEY=... npm run simulate -- --rate 20 --seconds 60`.
 * Options: --url (default http://localhost:3000), --rate new work items per second, --seconds,
 * --batch (events per request). It stops by itself.
 */
import { parseArgs } from 'node:util';
import { Random } from '../apps/server/src/demo/random';
import { BOT_ENGINEERS, BOT_TECHNICIANS } from '../apps/server/src/demo/demo-org';
import { planAlarm, planOrder, planTruckRoll, type PlannedEvent } from '../apps/server/src/demo/traffic-plans';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.OPSQUEST_URL ?? 'http://localhost:3000' },
    rate: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '30' },
    batch: { type: 'string', default: '100' },
    seed: { type: 'string', default: '7' },
  },
});

const key = process.env.OPSQUEST_API_KEY;
if (!key) {
  console.error('Set OPSQUEST_API_KEY to the key the server was started with.');
  process.exit(1);
}
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const batchSize = Number(values.batch);
const rng = new Random(Number(values.seed));
const minute = 1000;
let queue: PlannedEvent[] = [];
let n = 0;
let sent = 0;
let stored = 0;
let failed = 0;

function plan(now: number): void {
  const kind = rng.weighted<'alarm' | 'order' | 'truckroll'>([
    ['alarm', 60],
    ['order', 25],
    ['truckroll', 15],
  ]);
  const id = `SIM-${values.seed}-${(n += 1)}`;
  if (kind === 'alarm') {
    const region = rng.chance(0.5) ? 'north' : 'south';
    queue.push(...planAlarm(rng, id, now, { region, engineer: rng.pick(BOT_ENGINEERS[region]) }, minute));
  } else if (kind === 'order') {
    queue.push(...planOrder(rng, id, now, rng.pick(BOT_ENGINEERS.north), minute));
  } else {
    queue.push(...planTruckRoll(rng, id, now, { technician: rng.pick(BOT_TECHNICIANS), appointmentAt: now + 30 * minute, forPerson: false }, minute));
  }
}

async function flush(now: number): Promise<void> {
  queue.sort((a, b) => a.at - b.at);
  const due = queue.filter((p) => p.at <= now);
  queue = queue.filter((p) => p.at > now);
  for (let i = 0; i < due.length; i += batchSize) {
    const events = due.slice(i, i + batchSize).map((p) => p.event);
    const res = await fetch(`${values.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(events),
    });
    sent += events.length;
    if (res.ok) stored += ((await res.json()) as { stored: number }).stored;
    else failed += events.length;
  }
}

async function main(): Promise<void> {
  const end = Date.now() + seconds * 1000;
  let carry = 0;
  while (Date.now() < end) {
    const now = Date.now();
    carry += rate / 4;
    for (; carry >= 1; carry -= 1) plan(now);
    await flush(now);
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`sent ${sent} events, stored ${stored}, failed ${failed}, ${queue.length} planned events not yet due were dropped`);
}

void main();
