import { CircleCheck, Clock, OctagonAlert, Pause, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { SlaTone } from './sla-status';

/** A distinct shape per SLA state (with the words beside it, never colour alone). */
export const SLA_TONE_ICONS: Readonly<Record<SlaTone, LucideIcon>> = {
  ok: Clock,
  risk: TriangleAlert,
  breached: OctagonAlert,
  paused: Pause,
  done: CircleCheck,
};
