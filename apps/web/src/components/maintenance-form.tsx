import { useId, useState, type FormEvent } from 'react';
import { MAINTENANCE_REFERENCE_MAX, MAINTENANCE_SCOPE_ENTRY_MAX, MAINTENANCE_TITLE_MAX, MAINTENANCE_TITLE_MIN, MAINTENANCE_WINDOW_DAYS_MAX } from '@opsquest/contracts';
import { fieldErrorsOf } from '../api/admin.queries';
import { isApiRequestError } from '../api/http';
import { useDeclareMaintenance } from '../api/maintenance.queries';
import { isoOfLocalInput, localInputValue, namesOf } from '../lib/maintenance-form';
import { AdminFieldError, describedBy } from './admin-field-error';
import { MaintenanceMissionFields, missionOf, NO_MISSION, type MissionChoice } from './maintenance-mission-fields';

const FIVE_MIN = 5 * 60_000;

function nextFiveMinutes(): number {
  return Math.ceil(Date.now() / FIVE_MIN) * FIVE_MIN;
}

/** Declares planned work: what it is, where (sites, regions, elements) and when. The server checks everything again. */
export function MaintenanceForm() {
  const declare = useDeclareMaintenance();
  const [title, setTitle] = useState('');
  const [reference, setReference] = useState('');
  const [sites, setSites] = useState('');
  const [regions, setRegions] = useState('');
  const [elements, setElements] = useState('');
  // by default from the next five minutes, for two hours
  const [startsAt, setStartsAt] = useState(() => localInputValue(nextFiveMinutes()));
  const [endsAt, setEndsAt] = useState(() => localInputValue(nextFiveMinutes() + 2 * 3_600_000));
  const [mission, setMission] = useState<MissionChoice>(NO_MISSION);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | undefined>(undefined);
  const ids = { title: useId(), reference: useId(), sites: useId(), regions: useId(), elements: useId(), scopeHint: useId(), scopeError: useId(), startsAt: useId(), endsAt: useId(), whenError: useId() };
  const server = fieldErrorsOf(declare.error);
  const errors = { ...server, ...local };
  const otherError = declare.isError && !isApiRequestError(declare.error, 400) ? declare.error.message : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setDone(undefined);
    const scope = { sites: namesOf(sites), regions: namesOf(regions), elements: namesOf(elements) };
    const from = isoOfLocalInput(startsAt);
    const to = isoOfLocalInput(endsAt);
    const problems: Record<string, string> = {};
    if (title.trim().length < MAINTENANCE_TITLE_MIN) problems.title = `Title: at least ${MAINTENANCE_TITLE_MIN} characters.`;
    if (scope.sites.length + scope.regions.length + scope.elements.length === 0) problems.scope = 'Name at least one site, region or element.';
    if (from === undefined) problems.startsAt = 'Starts: choose a date and time.';
    if (to === undefined) problems.endsAt = 'Ends: choose a date and time.';
    const asMission = missionOf(mission);
    if (asMission.problem !== undefined) problems.mission = asMission.problem;
    setLocal(problems);
    if (Object.keys(problems).length > 0 || from === undefined || to === undefined) {
      // the last answer's errors no longer describe the form: only this check's are shown
      declare.reset();
      return;
    }
    declare.mutate(
      { title: title.trim(), scope, startsAt: from, endsAt: to, ...(reference.trim() ? { reference: reference.trim() } : {}), ...(asMission.mission ? { mission: asMission.mission } : {}) },
      {
        onSuccess: (created) => {
          setDone(`“${created.title}” is declared${created.missionId !== undefined ? ', and its field work is a mission on the Missions page' : ''}.`);
          setMission(NO_MISSION);
          setTitle('');
          setReference('');
          setSites('');
          setRegions('');
          setElements('');
        },
      },
    );
  };

  const scopeError = errors.scope;
  const whenError = errors.startsAt ?? errors.endsAt;
  return (
    <form className="form admin-form maintenance-form" onSubmit={onSubmit} noValidate aria-label="Declare planned work" data-testid="maintenance-form">
      <div className="field">
        <label className="field__label" htmlFor={ids.title}>
          What is planned
        </label>
        <input id={ids.title} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Fibre splice on the north ring" autoComplete="off" minLength={MAINTENANCE_TITLE_MIN} maxLength={MAINTENANCE_TITLE_MAX} required aria-invalid={errors.title !== undefined} aria-describedby={describedBy(errors.title !== undefined && `${ids.title}-e`)} />
        <AdminFieldError id={`${ids.title}-e`} message={errors.title} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.reference}>
          Change or ticket id <span className="admin-muted">(optional)</span>
        </label>
        <input id={ids.reference} value={reference} onChange={(e) => setReference(e.target.value)} placeholder="e.g. CHG-1042" autoComplete="off" maxLength={MAINTENANCE_REFERENCE_MAX} aria-invalid={errors.reference !== undefined} aria-describedby={describedBy(errors.reference !== undefined && `${ids.reference}-e`)} />
        <AdminFieldError id={`${ids.reference}-e`} message={errors.reference} />
      </div>
      <fieldset className="maintenance-form__scope" aria-describedby={describedBy(ids.scopeHint, scopeError !== undefined && ids.scopeError)}>
        <legend className="field__label">Where</legend>
        <p className="admin-hint" id={ids.scopeHint}>
          Separate names with commas. Alarms raised at any of these during the window are planned work.
        </p>
        <label className="field" htmlFor={ids.sites}>
          <span className="field__label">Sites</span>
          <input id={ids.sites} value={sites} onChange={(e) => setSites(e.target.value)} placeholder="e.g. OSL-001, OSL-002" autoComplete="off" maxLength={MAINTENANCE_SCOPE_ENTRY_MAX * 10} aria-invalid={scopeError !== undefined} />
        </label>
        <label className="field" htmlFor={ids.regions}>
          <span className="field__label">Regions</span>
          <input id={ids.regions} value={regions} onChange={(e) => setRegions(e.target.value)} placeholder="e.g. North" autoComplete="off" maxLength={MAINTENANCE_SCOPE_ENTRY_MAX * 10} aria-invalid={scopeError !== undefined} />
        </label>
        <label className="field" htmlFor={ids.elements}>
          <span className="field__label">Network elements</span>
          <input id={ids.elements} value={elements} onChange={(e) => setElements(e.target.value)} placeholder="e.g. olt-3.osl" autoComplete="off" maxLength={MAINTENANCE_SCOPE_ENTRY_MAX * 10} aria-invalid={scopeError !== undefined} />
        </label>
        <AdminFieldError id={ids.scopeError} message={scopeError} />
      </fieldset>
      <div className="maintenance-form__when">
        <label className="field" htmlFor={ids.startsAt}>
          <span className="field__label">Starts</span>
          <input id={ids.startsAt} type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} required aria-invalid={errors.startsAt !== undefined} aria-describedby={describedBy(whenError !== undefined && ids.whenError)} />
        </label>
        <label className="field" htmlFor={ids.endsAt}>
          <span className="field__label">Ends</span>
          <input id={ids.endsAt} type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} required aria-invalid={errors.endsAt !== undefined} aria-describedby={describedBy(whenError !== undefined && ids.whenError)} />
        </label>
      </div>
      <p className="admin-hint">At most {MAINTENANCE_WINDOW_DAYS_MAX} days. Alarms that arrived before you declare it stay ordinary faults.</p>
      <AdminFieldError id={ids.whenError} message={whenError} />
      <MaintenanceMissionFields choice={mission} onChange={setMission} error={errors.mission} />
      {otherError !== undefined && (
        <p className="form__error" role="alert">
          {otherError}
        </p>
      )}
      <p className="maintenance-form__done" role="status">
        {done}
      </p>
      <div>
        <button type="submit" className="button button--primary" disabled={declare.isPending}>
          Declare planned work
        </button>
      </div>
    </form>
  );
}
