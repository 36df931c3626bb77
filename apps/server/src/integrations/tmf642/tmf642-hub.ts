import { randomUUID } from 'node:crypto';
import type { Repositories } from '../../services/ports/repositories';
import type { HubFormatter } from '../../outbound/outbox';
import { foldHistory, incidentsOfChildren, toTmfAlarm } from './tmf642.mapper';

export const HUB_EVENT_TYPES = ['AlarmCreateEvent', 'AlarmStateChangeEvent', 'AlarmAttributeValueChangeEvent'] as const;

/**
 * TMF642 notifications for hub listeners: a new alarm is an AlarmCreateEvent; an acknowledge,
 * unacknowledge, clear or re-raise an AlarmStateChangeEvent; a severity or count update an
 * AlarmAttributeValueChangeEvent. Each carries the whole alarm, as the spec's envelopes do.
 */
export function tmf642HubFormatter(repos: Repositories): HubFormatter {
  const alarms = repos.tmfAlarms;
  return async (batch, now) => {
    const alarmChanges = batch.changes.filter((c) => c.item.stream === 'alarm');
    if (alarmChanges.length === 0) return [];
    const histories = await alarms.historyOf([...new Set(alarmChanges.map((c) => c.item.key))]);
    const roots = await alarms.incidentRoots(incidentsOfChildren(alarmChanges.map((c) => c.item)));
    return alarmChanges.flatMap((c) => {
      const { effects, event } = c;
      const eventType = effects.includes('created')
        ? 'AlarmCreateEvent'
        : effects.some((e) => e === 'responded' || e === 'unacknowledged' || e === 'resolved' || e === 'reopened') || event.transition === 'acknowledged'
          ? 'AlarmStateChangeEvent'
          : effects.includes('updated')
            ? 'AlarmAttributeValueChangeEvent'
            : undefined;
      if (!eventType) return [];
      const alarm = toTmfAlarm(c.itemId, c.item, foldHistory(histories.get(c.item.key) ?? []), roots);
      return [{ eventType, payload: { eventId: randomUUID(), eventTime: new Date(now).toISOString(), eventType, event: { alarm } } }];
    });
  };
}

export function newHubId(): string {
  return randomUUID();
}
