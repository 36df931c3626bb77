import type { EventAttributes, JobChecklistEntry } from '@opsquest/core';
import { Random } from './random';

/** The job details a demo work order brings (the technician's job card shows them). */
export type DemoJobDetails = Required<Pick<EventAttributes, 'address' | 'contact' | 'accessNotes' | 'checklist'>> & Pick<EventAttributes, 'location'>;

const CITIES = {
  NTH: { city: 'Leeds', postcode: 'LS', lat: 53.8, lon: -1.55 },
  STH: { city: 'Bristol', postcode: 'BS', lat: 51.45, lon: -2.59 },
} as const;

const STREETS = ['Harbour Road', 'Mill Lane', 'Station Street', 'Queen’s Avenue', 'Canal Walk', 'Orchard Close', 'Victoria Terrace', 'Foundry Yard'];
const PEOPLE = ['Rita Sousa', 'Tom Okafor', 'Priya Natarajan', 'Mark Jennings', 'Lena Fischer', 'Sam Whitaker', 'Aisha Rahman', 'Owen Price'];
const ACCESS = [
  'Key safe left of the front door, code 4411. Ring before entering.',
  'Gate code 2580. Park in the visitor bay, not on the street.',
  'Reception on the ground floor signs you in; bring ID.',
  'Friendly dog in the garden: call ahead and the customer will bring it in.',
  'Cabinet is behind the car park barrier; the caretaker opens it (same phone).',
  'Ring the top bell; stairs only, no lift.',
];

const CHECKLISTS: Record<string, JobChecklistEntry[]> = {
  'Replace faulty ONT': [
    { id: 'power', label: 'Check power and the ONT lights' },
    { id: 'light', label: 'Measure light level at the ONT (dBm)' },
    { id: 'swap', label: 'Swap the ONT and register its serial' },
    { id: 'speed', label: 'Run a speed test with the customer' },
  ],
  'Install business line': [
    { id: 'survey', label: 'Agree the route with the customer' },
    { id: 'patch', label: 'Patch the line at the cabinet' },
    { id: 'router', label: 'Install and configure the router' },
    { id: 'handover', label: 'Hand over and get a signature' },
  ],
  'Repair fibre splice': [
    { id: 'locate', label: 'Locate the fault with the OTDR' },
    { id: 'splice', label: 'Re-splice and protect the joint' },
    { id: 'test', label: 'OTDR trace after the repair' },
  ],
  'Swap radio unit': [
    { id: 'permit', label: 'Confirm the work-at-height permit' },
    { id: 'swap', label: 'Swap the radio unit' },
    { id: 'alarms', label: 'Check the site alarms cleared with the NOC' },
  ],
  'Fix power supply': [
    { id: 'isolate', label: 'Isolate the supply safely' },
    { id: 'replace', label: 'Replace the rectifier module' },
    { id: 'battery', label: 'Check battery backup voltage' },
  ],
  'Customer premises survey': [
    { id: 'photos', label: 'Photograph the entry point' },
    { id: 'route', label: 'Sketch the cable route' },
    { id: 'notes', label: 'Note any access restrictions' },
  ],
};

const FALLBACK_CHECKLIST: JobChecklistEntry[] = [
  { id: 'arrive', label: 'Confirm the fault with the customer' },
  { id: 'fix', label: 'Fix and test' },
];

/** A small stable hash, so a work order's details are the same on every run without drawing from the demo's random sequence. */
function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Plausible, fictional details for a demo work order (phone numbers in the UK range kept for drama,
 * 07700 900xxx). One in five has no coordinates, so the card's address-search map link shows too.
 */
export function demoJobDetails(workOrderId: string, job: string, site: string): DemoJobDetails {
  const rng = new Random(seedOf(workOrderId));
  const place = site.startsWith('STH') ? CITIES.STH : CITIES.NTH;
  const number = rng.int(1, 180);
  const details: DemoJobDetails = {
    address: { line: `${number} ${rng.pick(STREETS)}`, city: place.city, postcode: `${place.postcode}${rng.int(1, 16)} ${rng.int(1, 9)}${rng.pick(['AB', 'DN', 'HQ', 'PT', 'RW'])}`, country: 'United Kingdom' },
    contact: { name: rng.pick(PEOPLE), phone: `+44 7700 900${String(rng.int(0, 999)).padStart(3, '0')}` },
    accessNotes: rng.pick(ACCESS),
    checklist: CHECKLISTS[job] ?? FALLBACK_CHECKLIST,
  };
  if (rng.chance(0.8)) {
    details.location = { lat: Number((place.lat + (rng.next() - 0.5) * 0.08).toFixed(5)), lon: Number((place.lon + (rng.next() - 0.5) * 0.12).toFixed(5)) };
  }
  return details;
}
