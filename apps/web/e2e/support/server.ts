import { postEvents, startTestServer, type TestServer } from '../../../server/test-support/test-server';

export { postEvents, startTestServer, type TestServer };
export { TEST_PASSWORD } from '../../../server/test-support/test-server';

const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();
const minutesAhead = (m: number): string => new Date(Date.now() + m * 60_000).toISOString();

/** Work for the browser tests: open alarms and a truck-roll booked for the test technician. */
export async function seedWork(t: TestServer, tag: string): Promise<void> {
  const res = await postEvents(t.url, [
    {
      source: 'nms',
      stream: 'alarm',
      externalKey: `${tag}-crit`,
      transition: 'raised',
      occurredAt: minutesAgo(2),
      attributes: { perceivedSeverity: 'critical', title: `LinkDown on NTH-${tag}`, alarmedObject: `NTH-${tag}/xe-0/0/1`, serviceAffecting: true, customersAffected: 1840 },
    },
    {
      source: 'nms',
      stream: 'alarm',
      externalKey: `${tag}-minor`,
      transition: 'raised',
      occurredAt: minutesAgo(5),
      attributes: { perceivedSeverity: 'minor', title: `HighCpuLoad on STH-${tag}` },
    },
    {
      source: 'fsm',
      stream: 'truckroll',
      externalKey: `${tag}-visit`,
      transition: 'open',
      occurredAt: minutesAgo(60),
      attributes: { technician: 'tech', title: `Replace faulty ONT at NTH-${tag}`, site: `NTH-${tag}`, priority: 1, appointmentStart: minutesAgo(10), appointmentEnd: minutesAhead(110) },
    },
  ]);
  if (res.status !== 201) throw new Error(`seeding work failed: ${res.status}`);
}
