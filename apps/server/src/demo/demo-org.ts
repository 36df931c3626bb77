import type { Role } from '@opsquest/contracts';

export const DEMO_PASSWORD = 'opsquest-demo';

export interface DemoTeam {
  id: string;
  name: string;
  region?: 'north' | 'south';
}

export interface DemoPerson {
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
}

export const DEMO_TEAMS: DemoTeam[] = [
  { id: 'team-noc-north', name: 'NOC North', region: 'north' },
  { id: 'team-noc-south', name: 'NOC South', region: 'south' },
  { id: 'team-field-ops', name: 'Field Ops' },
];

const engineers: [string, string][] = [
  ['engineer1', 'Sam Okafor'],
  ['engineer2', 'Lena Fischer'],
  ['engineer3', 'Ravi Menon'],
  ['engineer4', 'Chloé Martin'],
  ['engineer5', 'Diego Alvarez'],
  ['engineer6', 'Aiko Tanaka'],
  ['engineer7', 'Kwame Mensah'],
  ['engineer8', 'Elena Popescu'],
];

const technicians: [string, string][] = [
  ['technician1', 'Jonas Weber'],
  ['technician2', 'Fatima Zahra'],
  ['technician3', "Liam O'Brien"],
  ['technician4', 'Mei Chen'],
  ['technician5', 'Noah Kowalski'],
  ['technician6', 'Sofia Rossi'],
  ['technician7', 'Omar Haddad'],
];

/** 19 people: 8 NOC engineers in two teams, 7 technicians, 3 leads, 1 admin. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { username: 'admin1', displayName: 'Morgan Reyes', role: 'admin', teamId: null },
  { username: 'lead1', displayName: 'Priya Natarajan', role: 'lead', teamId: 'team-noc-north' },
  { username: 'lead2', displayName: 'Tomás Silva', role: 'lead', teamId: 'team-noc-south' },
  { username: 'lead3', displayName: 'Hannah Berg', role: 'lead', teamId: 'team-field-ops' },
  ...engineers.map(([username, displayName], i): DemoPerson => ({ username, displayName, role: 'engineer', teamId: i < 4 ? 'team-noc-north' : 'team-noc-south' })),
  ...technicians.map(([username, displayName]): DemoPerson => ({ username, displayName, role: 'technician', teamId: 'team-field-ops' })),
];

/** People the simulator acts as; the `...1` logins are left to the humans trying the demo. */
export const BOT_ENGINEERS = { north: ['engineer2', 'engineer3', 'engineer4'], south: ['engineer5', 'engineer6', 'engineer7', 'engineer8'] } as const;
export const BOT_TECHNICIANS = ['technician2', 'technician3', 'technician4', 'technician5', 'technician6', 'technician7'] as const;
