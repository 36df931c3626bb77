/**
 * Sample TMF642 request bodies for the tests (HTTP flows and the contract check against the spec).
 * Written for OpsQuest's tests; not taken from the specification.
 */

export interface SampleAlarm {
  [key: string]: unknown;
  alarmType: string;
  perceivedSeverity: string;
  probableCause: string;
  alarmedObject: { id: string; [key: string]: unknown };
  sourceSystemId: string;
  alarmRaisedTime: string;
  state: string;
}

export function sampleAlarmCreate(overrides: Record<string, unknown> = {}): SampleAlarm {
  return {
    externalAlarmId: `EXT-${Math.random().toString(36).slice(2, 10)}`,
    alarmType: 'CommunicationsAlarm',
    perceivedSeverity: 'major',
    probableCause: 'LinkDown',
    specificProblem: 'LOS on xe-0/0/1',
    alarmDetails: 'Optical power below threshold for 30 s',
    alarmedObject: { id: 'NTH-0042/xe-0/0/1', '@type': 'AlarmedObject' },
    alarmedObjectType: 'Port',
    sourceSystemId: 'nms-east',
    reportingSystemId: 'ems-7',
    alarmRaisedTime: new Date(Date.now() - 10 * 60_000).toISOString(),
    state: 'raised',
    ackState: 'unacknowledged',
    serviceAffecting: true,
    isRootCause: true,
    place: [{ role: 'site', name: 'NTH-0042' }],
    '@type': 'Alarm',
    ...overrides,
  };
}

export function sampleAckAlarms(pattern: Record<string, unknown>[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ackUserId: 'eng', ackSystemId: 'oss-console', alarmPattern: pattern, '@type': 'AckAlarms', ...overrides };
}

export function sampleClearAlarms(pattern: Record<string, unknown>[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clearUserId: 'eng',
    clearSystemId: 'oss-console',
    alarmClearedTime: new Date(Date.now() - 1000).toISOString(),
    alarmPattern: pattern,
    '@type': 'ClearAlarms',
    ...overrides,
  };
}

export function sampleNotification(eventType: string, alarm: Record<string, unknown>, eventId = `ev-${Math.random().toString(36).slice(2, 12)}`): Record<string, unknown> {
  return { eventId, eventTime: new Date(Date.now() - 1000).toISOString(), eventType, event: { alarm } };
}
