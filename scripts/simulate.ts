/**
 * Drives a running OpsQuest through the formats real systems send, over real HTTP:
 * Alertmanager alarm storms (correlated alarms, repeat notifications, flapping), TMF642 alarms
 * (create, acknowledge, clear), TMF622 product orders and field work orders.
 *
 *   OPSQUEST_API_KEY=… npm run simulate -- --rate 2 --seconds 60 --seed 7
 *   options: --url (http://localhost:3000), --rate scenarios per second, --seconds, --seed,
 *            --mix alertmanager,tmf642,tmf622,workorder
 * It prints a progress line every second and a summary at the end (requests sent and rejected,
 * events accepted and duplicates), and stops by itself; exit code 1 when any request was rejected.
 */
import { parseArgs } from 'node:util';
import { demoJobDetails } from '../apps/server/src/demo/demo-job-details';
import { BOT_ENGINEERS, BOT_TECHNICIANS } from '../apps/server/src/demo/demo-org';
import { Random } from '../apps/server/src/demo/random';
import { alertmanagerNotification, incident, tmf622Event, tmf642Create, tmf642Patch, workOrder, type Request } from './simulate/formats';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.OPSQUEST_URL ?? 'http://localhost:3000' },
    rate: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
    mix: { type: 'string', default: 'alertmanager,tmf642,tmf622,workorder' },
  },
});
const key = process.env.OPSQUEST_API_KEY;
if (!key) {
  console.error('Set OPSQUEST_API_KEY to a key with the integration scopes (the server’s OPSQUEST_API_KEY has them all).');
  process.exit(2);
}
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const seed = Number(values.seed);
const mix = values.mix.split(',').map((s) => s.trim()) as ('alertmanager' | 'tmf642' | 'tmf622' | 'workorder')[];
if (!(rate > 0) || !(seconds > 0) || Number.isNaN(seed) || mix.length === 0) {
  console.error('--rate and --seconds must be positive numbers, --seed a number, --mix a list');
  process.exit(2);
}
const rng = new Random(seed);
const engineers = [...BOT_ENGINEERS.north, ...BOT_ENGINEERS.south];
const totals = { sent: 0, accepted: 0, rejected: 0, duplicates: 0 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends one request and counts what the server made of it; returns the parsed body. */
async function send(req: Request): Promise<unknown> {
  totals.sent += 1;
  try {
    const res = await fetch(`${values.url}${req.path}`, {
      method: req.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(req.body),
    });
    const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!res.ok) {
      totals.rejected += 1;
      return body;
    }
    if (typeof body?.duplicates === 'number') {
      totals.duplicates += body.duplicates;
      totals.accepted += typeof body.stored === 'number' ? body.stored : 1;
    } else if (body?.status === 'duplicate') totals.duplicates += 1;
    else totals.accepted += 1;
    return body;
  } catch {
    totals.rejected += 1;
    return undefined;
  }
}

async function alertStorm(id: string): Promise<void> {
  const alerts = incident(rng, id, Date.now());
  const firing = alerts.map((alert) => ({ alert }));
  await send(alertmanagerNotification(firing));
  await sleep(2000);
  await send(alertmanagerNotification(firing)); // repeat_interval: the same notification again
  const root = alerts[0];
  if (root && rng.chance(0.25)) {
    // Flapping: the root cause resolves and comes straight back.
    await sleep(1500);
    await send(alertmanagerNotification([{ alert: root, resolvedAt: Date.now() }]));
    await sleep(1500);
    await send(alertmanagerNotification([{ alert: { ...root, startsAt: new Date().toISOString() } }]));
  }
  await sleep(rng.int(4, 15) * 1000);
  await send(alertmanagerNotification(alerts.map((alert) => ({ alert, resolvedAt: Date.now() }))));
}

async function tmfAlarm(id: string): Promise<void> {
  const created = (await send(tmf642Create(rng, id, Date.now()))) as { id?: string } | undefined;
  if (!created?.id) return;
  const engineer = rng.pick(engineers);
  await sleep(rng.int(1, 5) * 1000);
  await send(tmf642Patch(created.id, { ackState: 'acknowledged', ackUserId: engineer }));
  await sleep(rng.int(2, 8) * 1000);
  await send(tmf642Patch(created.id, { state: 'cleared', clearUserId: engineer, alarmClearedTime: new Date().toISOString() }));
}

async function productOrder(id: string): Promise<void> {
  const handler = rng.pick(engineers);
  const vip = rng.chance(0.15);
  const priority = String(rng.int(0, 4));
  await send(tmf622Event('create', `${id}-c`, id, 'acknowledged', Date.now(), handler, vip, priority));
  await sleep(rng.int(1, 4) * 1000);
  await send(tmf622Event('state', `${id}-p`, id, 'inProgress', Date.now(), handler, vip, priority));
  await sleep(rng.int(2, 8) * 1000);
  await send(tmf622Event('state', `${id}-d`, id, rng.chance(0.95) ? 'completed' : 'failed', Date.now(), handler, vip, priority));
}

async function truckRoll(id: string): Promise<void> {
  const technician = rng.pick(BOT_TECHNICIANS);
  const start = Date.now() + 60_000;
  const appointment = { start: new Date(start).toISOString(), end: new Date(start + 7_200_000).toISOString() };
  const site = `STH-${rng.int(1, 180)}`;
  // Address, location, contact, access notes and checklist: what the technician's job card shows.
  const job = demoJobDetails(id, 'Repair fibre splice', site);
  await send(workOrder(id, 'open', Date.now(), technician, { site, priority: rng.int(0, 3), appointment, title: 'Repair fibre splice', ...job }));
  for (const state of ['planned', 'inProgress']) {
    await sleep(rng.int(1, 4) * 1000);
    await send(workOrder(id, state, Date.now(), technician));
  }
  await sleep(rng.int(2, 6) * 1000);
  const done = rng.chance(0.9);
  await send(workOrder(id, done ? 'completed' : 'unableToComplete', Date.now(), technician, done ? { firstTimeFix: rng.chance(0.8) } : { notes: 'No access to site' }));
  // Most customers answer the satisfaction survey afterwards (1..5).
  if (done && rng.chance(0.7)) {
    await sleep(rng.int(1, 4) * 1000);
    await send(workOrder(id, 'rated', Date.now(), technician, { csat: rng.pick([3, 4, 4, 5, 5, 5]) }));
  }
}

const SCENARIOS = { alertmanager: alertStorm, tmf642: tmfAlarm, tmf622: productOrder, workorder: truckRoll } as const;

async function main(): Promise<void> {
  const running: Promise<void>[] = [];
  const started = Date.now();
  const end = started + seconds * 1000;
  let n = 0;
  let carry = 0;
  let lastProgress = 0;
  while (Date.now() < end) {
    carry += rate / 10;
    for (; carry >= 1; carry -= 1) {
      const kind = rng.pick(mix);
      n += 1;
      running.push(SCENARIOS[kind](`SIM${seed}-${started.toString(36)}-${n}`));
    }
    if (Date.now() - lastProgress >= 1000) {
      lastProgress = Date.now();
      process.stdout.write(`\r${Math.round((Date.now() - started) / 1000)}s  scenarios ${n}  requests sent ${totals.sent} (rejected ${totals.rejected})  events accepted ${totals.accepted}  duplicates ${totals.duplicates}   `);
    }
    await sleep(100);
  }
  await Promise.all(running);
  process.stdout.write('\n');
  console.log(`Summary: ${n} scenarios; requests sent ${totals.sent}, rejected ${totals.rejected}; events accepted ${totals.accepted}, duplicates ${totals.duplicates} (a notification can carry several alerts)`);
  process.exitCode = totals.rejected > 0 ? 1 : 0;
}

void main();
