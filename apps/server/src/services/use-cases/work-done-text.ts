import { SEVERITIES, type AlarmTransition, type LifecycleEffect, type OrderTransition, type SlaTarget, type SlaTransition, type Stream, type Transition, type TruckRollTransition, type WorkItem } from '@opsquest/core';

/** What else the engine knows about the step, for the words that depend on it. */
export interface WorkDoneContext {
  /** the lifecycle's effects: `reopened` for a raise after a clear, `resumed` for work taken off hold */
  effects?: readonly LifecycleEffect[];
  /** the item before the event: a severity change reads "raised … from minor to major" */
  previous?: WorkItem;
  /** which clock an SLA event is about */
  slaTarget?: SlaTarget;
}

type Sentence = (name: string, thing: string, item: WorkItem, context: WorkDoneContext) => string;

/** "minor alarm FiberCut at SITE-12", "order ORD-17 (Fibre 1 Gbit)", "truck-roll TR-9 to SITE-12" */
export function workItemText(item: WorkItem): string {
  if (item.stream === 'alarm') {
    const severity = item.severity ? `${item.severity} ` : '';
    const where = item.site !== undefined && !item.title.includes(item.site) ? ` at ${item.site}` : '';
    return `${severity}alarm ${item.title}${where}`;
  }
  if (item.stream === 'order') {
    const named = item.title !== `Order ${item.externalKey}` && item.title !== item.externalKey ? ` (${item.title})` : '';
    return `order ${item.externalKey}${named}`;
  }
  return `truck-roll ${item.externalKey}${item.site !== undefined ? ` to ${item.site}` : ''}`;
}

const clockWord = (context: WorkDoneContext): string => (context.slaTarget === 'response' ? 'response' : context.slaTarget === 'resolution' ? 'resolution' : 'SLA');

const SLA_SENTENCES: Record<SlaTransition, Sentence> = {
  slaAtRisk: (name, thing, _item, c) => `${name}'s ${thing} is close to missing its ${clockWord(c)} target`,
  slaBreached: (name, thing, _item, c) => `${name}'s ${thing} missed its ${clockWord(c)} target`,
};

/** "raised" or "lowered" for a severity change, by the TMF642 order (critical first). */
function severityMove(previous: WorkItem | undefined, item: WorkItem): string | undefined {
  const from = previous?.severity;
  const to = item.severity;
  if (from === undefined || to === undefined || from === to) return undefined;
  const direction = SEVERITIES.indexOf(to) < SEVERITIES.indexOf(from) ? 'raised' : 'lowered';
  return `${direction} the severity of alarm ${item.title} from ${from} to ${to}`;
}

const ALARM_SENTENCES: Record<AlarmTransition, Sentence> = {
  raised: (name, thing, _item, c) => (c.effects?.includes('reopened') ? `${name} reopened ${thing}` : `${name} raised ${thing}`),
  updated: (name, thing, item, c) => {
    const move = severityMove(c.previous, item);
    return move !== undefined ? `${name} ${move}` : `${name} updated ${thing}`;
  },
  acknowledged: (name, thing) => `${name} acknowledged ${thing}`,
  unacknowledged: (name, thing) => `${name} handed back ${thing} (no longer acknowledged)`,
  commented: (name, thing) => `${name} commented on ${thing}`,
  cleared: (name, thing) => `${name} cleared ${thing}`,
  grouped: (name, thing, item) =>
    item.incidentId === undefined ? `${name} split ${thing} out of its incident` : item.incidentRoot === true ? `${name} made ${thing} the root cause of its incident` : `${name} grouped ${thing} into an incident`,
};

/** TMF622 ProductOrder states: the transition names the state the order entered. */
const ORDER_SENTENCES: Record<OrderTransition, Sentence> = {
  acknowledged: (name, thing) => `${name} acknowledged ${thing}`,
  inProgress: (name, thing, _item, c) => (c.effects?.includes('resumed') ? `${name} resumed work on ${thing}` : `${name} started work on ${thing}`),
  held: (name, thing) => `${name} put ${thing} on hold`,
  pending: (name, thing) => `${name} set ${thing} to pending, waiting on the customer`,
  completed: (name, thing) => `${name} completed ${thing}`,
  failed: (name, thing) => `${name} reported ${thing} as failed`,
  cancelled: (name, thing) => `${name} cancelled ${thing}`,
  rejected: (name, thing) => `${name} rejected ${thing}`,
};

const TRUCKROLL_SENTENCES: Record<TruckRollTransition, Sentence> = {
  open: (name, thing) => `${name} opened ${thing}`,
  dispatched: (name, thing) => `${name} was dispatched on ${thing}`,
  onSite: (name, thing) => `${name} arrived on site for ${thing}`,
  completed: (name, thing, item) => `${name} completed ${thing}${item.firstTimeFix === true ? ', fixed first time' : ''}`,
  unableToComplete: (name, thing) => `${name} could not complete ${thing}`,
  cancelled: (name, thing) => `${name} cancelled ${thing}`,
  rated: (name, thing, item) => `${name}'s visit on ${thing} was rated ${item.csat !== undefined ? `${item.csat} out of 5 ` : ''}by the customer`,
  checklistTicked: (name, thing) => `${name} worked through the checklist of ${thing}`,
};

const SENTENCES: Record<Stream, Partial<Record<Transition, Sentence>>> = {
  alarm: { ...ALARM_SENTENCES, ...SLA_SENTENCES },
  order: { ...ORDER_SENTENCES, ...SLA_SENTENCES },
  truckroll: { ...TRUCKROLL_SENTENCES, ...SLA_SENTENCES },
};

/**
 * What a person did, in a sentence for the live feed and the wall: "Ana Costa commented on minor alarm
 * FiberCut at SITE-12", "Tom Field arrived on site for truck-roll TR-9 to SITE-12". Every transition of
 * every stream has its own words; one that does not apply to the stream still reads as a sentence.
 */
export function workDoneText(name: string, transition: Transition, item: WorkItem, context: WorkDoneContext = {}): string {
  const thing = workItemText(item);
  const sentence = SENTENCES[item.stream][transition];
  return sentence ? sentence(name, thing, item, context) : `${name} worked on ${thing}`;
}
