import { useId } from 'react';
import type { MissionCriteria, Stream } from '@opsquest/contracts';

type Effect = MissionCriteria['effect'];
type Counting = MissionCriteria['counting'];

/** The builder's state: a stream, what counts, ticked conditions and how it counts. */
export interface CriteriaState {
  stream: Stream | '';
  effect: Effect;
  counting: Counting;
  severities: ('critical' | 'major' | 'minor')[];
  serviceAffecting: boolean;
  vip: boolean;
  firstTimeFix: boolean;
  responseMet: boolean;
  resolutionMet: boolean;
  nightShift: boolean;
}

export const EMPTY_CRITERIA: CriteriaState = {
  stream: 'alarm',
  effect: 'resolved',
  counting: 'count',
  severities: [],
  serviceAffecting: false,
  vip: false,
  firstTimeFix: false,
  responseMet: false,
  resolutionMet: false,
  nightShift: false,
};

/** The builder's state as the API's criteria (conditions as data). */
export function criteriaOf(s: CriteriaState): MissionCriteria {
  const conditions: MissionCriteria['conditions'] = [];
  if (s.severities.length > 0) conditions.push({ kind: 'severityIn', values: s.severities });
  if (s.serviceAffecting) conditions.push({ kind: 'flag', flag: 'serviceAffecting', equals: true });
  if (s.vip) conditions.push({ kind: 'flag', flag: 'vip', equals: true });
  if (s.firstTimeFix) conditions.push({ kind: 'flag', flag: 'firstTimeFix', equals: true });
  if (s.responseMet) conditions.push({ kind: 'slaMet', target: 'response' });
  if (s.resolutionMet) conditions.push({ kind: 'slaMet', target: 'resolution' });
  if (s.nightShift) conditions.push({ kind: 'nightShift' });
  return { ...(s.stream !== '' ? { stream: s.stream } : {}), effect: s.effect, counting: s.counting, conditions };
}

const FLAGS: { key: 'serviceAffecting' | 'vip' | 'firstTimeFix' | 'responseMet' | 'resolutionMet' | 'nightShift'; label: string }[] = [
  { key: 'serviceAffecting', label: 'Service-affecting' },
  { key: 'vip', label: 'VIP' },
  { key: 'firstTimeFix', label: 'First-time fix' },
  { key: 'responseMet', label: 'Within the response target' },
  { key: 'resolutionMet', label: 'Within the resolution target' },
  { key: 'nightShift', label: 'On the night shift' },
];

/** Rule builder fields: stream, what counts, condition checkboxes and counting. */
export function MissionCriteriaFields({ value, onChange }: { value: CriteriaState; onChange: (next: CriteriaState) => void }) {
  const ids = { stream: useId(), effect: useId(), counting: useId() };
  const set = <K extends keyof CriteriaState>(key: K, v: CriteriaState[K]): void => onChange({ ...value, [key]: v });
  const toggleSeverity = (sev: 'critical' | 'major' | 'minor', on: boolean): void =>
    set('severities', on ? [...value.severities.filter((s) => s !== sev), sev] : value.severities.filter((s) => s !== sev));
  return (
    <div className="mission-builder">
      <div className="mission-builder__row">
        <div className="field">
          <label className="field__label" htmlFor={ids.stream}>
            Stream
          </label>
          <select id={ids.stream} value={value.stream} onChange={(e) => set('stream', e.target.value as Stream | '')}>
            <option value="alarm">Alarms</option>
            <option value="order">Orders</option>
            <option value="truckroll">Truck-rolls</option>
            <option value="">Any stream</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.effect}>
            What counts
          </label>
          <select id={ids.effect} value={value.effect} onChange={(e) => set('effect', e.target.value as Effect)}>
            <option value="resolved">Resolved (cleared, completed)</option>
            <option value="responded">Acknowledged</option>
            <option value="rated">Rated by the customer</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.counting}>
            Counting
          </label>
          <select id={ids.counting} value={value.counting} onChange={(e) => set('counting', e.target.value as Counting)}>
            <option value="count">Count each one</option>
            <option value="sum">Sum the customers affected</option>
            <option value="consecutive">In a row (a miss starts again)</option>
          </select>
        </div>
      </div>
      <fieldset className="mission-builder__conditions">
        <legend className="field__label">Conditions</legend>
        {(['critical', 'major', 'minor'] as const).map((sev) => (
          <label key={sev} className="checkbox">
            <input type="checkbox" checked={value.severities.includes(sev)} onChange={(e) => toggleSeverity(sev, e.target.checked)} />
            Severity {sev}
          </label>
        ))}
        {FLAGS.map((f) => (
          <label key={f.key} className="checkbox">
            <input type="checkbox" checked={value[f.key]} onChange={(e) => set(f.key, e.target.checked)} />
            {f.label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
