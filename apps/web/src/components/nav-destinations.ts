import { Activity, Bell, ClipboardList, Flag, LayoutDashboard, MonitorPlay, Scale, Settings, Trophy, User, Wrench, type LucideIcon } from 'lucide-react';
import type { Role } from '@opsquest/contracts';

/** One place of the signed-in app, as the top navigation and the phone's tab bar show it. */
export interface NavDestination {
  to: string;
  /** the top navigation's words */
  label: string;
  /** a word that fits under an icon in a 72 px tab */
  shortLabel: string;
  icon: LucideIcon;
  /** only for the exact path (the console at "/") */
  end?: boolean;
}

const LEADS: readonly Role[] = ['lead', 'admin'];

/** Every destination the role may open, in the top navigation's order. */
export function destinationsFor(role: Role): NavDestination[] {
  const technician = role === 'technician';
  // "/" is the landing page: a lead's or admin's opens the dashboard, so their console link names /console.
  const consolePath = LEADS.includes(role) ? '/console' : '/';
  const all: { destination: NavDestination; roles?: readonly Role[]; not?: Role }[] = [
    {
      destination: technician
        ? { to: '/', label: 'My jobs', shortLabel: 'Jobs', icon: ClipboardList, end: true }
        : { to: consolePath, label: 'My console', shortLabel: 'Console', icon: Bell, end: true },
    },
    { destination: { to: '/leaderboard', label: 'Leaderboard', shortLabel: 'Ranks', icon: Trophy } },
    { destination: { to: '/missions', label: 'Missions', shortLabel: 'Missions', icon: Flag } },
    { destination: { to: '/dashboard', label: 'Dashboard', shortLabel: 'Dashboard', icon: LayoutDashboard }, roles: LEADS },
    // network health, and the Customers page beside it (/network/customers)
    { destination: { to: '/network', label: 'Network', shortLabel: 'Network', icon: Activity }, roles: LEADS },
    { destination: { to: '/planned-work', label: 'Planned work', shortLabel: 'Planned', icon: Wrench }, roles: LEADS },
    { destination: { to: '/rules', label: 'Rules', shortLabel: 'Rules', icon: Scale }, roles: LEADS },
    { destination: { to: '/profile', label: 'Profile', shortLabel: 'Profile', icon: User } },
    { destination: { to: '/wall', label: 'Wall', shortLabel: 'Wall', icon: MonitorPlay }, not: 'technician' },
    { destination: { to: '/admin', label: 'Admin', shortLabel: 'Admin', icon: Settings }, roles: ['admin'] },
  ];
  return all.filter((d) => (d.roles === undefined || d.roles.includes(role)) && d.not !== role).map((d) => d.destination);
}

/** Tabs a 360 px phone shows side by side; more than that and the last one becomes "More". */
export const MAX_TABS = 5;

/** The phone's first choices, most used first; what does not fit goes under "More". */
const TAB_PRIORITY = ['/', '/console', '/dashboard', '/leaderboard', '/missions', '/profile', '/wall', '/network', '/planned-work', '/rules', '/admin'];

/** The tab bar's tabs and the rest (under "More"): every destination stays reachable. */
export function splitTabs(destinations: readonly NavDestination[]): { tabs: NavDestination[]; more: NavDestination[] } {
  const ranked = [...destinations].sort((a, b) => TAB_PRIORITY.indexOf(a.to) - TAB_PRIORITY.indexOf(b.to));
  if (ranked.length <= MAX_TABS) return { tabs: ranked, more: [] };
  return { tabs: ranked.slice(0, MAX_TABS - 1), more: ranked.slice(MAX_TABS - 1) };
}
