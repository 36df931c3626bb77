import type { Transition, WorkItem } from '@opsquest/core';

const VERBS: Partial<Record<Transition, string>> = {
  acknowledged: 'acknowledged',
  cleared: 'cleared',
  inProgress: 'started',
  completed: 'completed',
  onSite: 'arrived on site for',
};

/** "Ana Costa cleared LinkDown on NTH-0042" */
export function workDoneText(name: string, transition: Transition, item: WorkItem): string {
  const verb = VERBS[transition] ?? `moved to ${transition}`;
  const severity = item.stream === 'alarm' && item.severity ? `${item.severity} ` : '';
  return `${name} ${verb} ${severity}${item.title}`;
}
