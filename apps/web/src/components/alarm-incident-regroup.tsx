import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { GitMerge, Target, TriangleAlert, Unlink } from 'lucide-react';
import type { IncidentRegroupBody, WorkItemView } from '@opsquest/contracts';
import { regroupErrorText, useIncidentRegroup } from '../api/incidents.queries';
import type { IncidentMembers, MergeTarget } from '../lib/incident-members';
import { Icon } from './icon';

interface RegroupProps {
  alarm: WorkItemView;
  /** its incident as the open list shows it; undefined when the alarm is in none */
  members: IncidentMembers | undefined;
  /** where it can be merged */
  targets: MergeTarget[];
}

/**
 * A lead's or admin's fixes to what correlation got wrong: make this alarm the root cause (a child),
 * split it out (a child), merge it (with its incident) into
 * another incident or a lone alarm. The server's refusals are shown in words; a success briefly.
 */
export function AlarmIncidentRegroup({ alarm, members, targets }: RegroupProps) {
  const regroup = useIncidentRegroup();
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [into, setInto] = useState('');
  const selectRef = useRef<HTMLSelectElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const ids = { select: useId(), hint: useId() };

  // The pressed button may be gone after the change (a child made the root has no "Make this the root
  // cause"): keyboard focus goes to the outcome instead of the top of the page.
  useEffect(() => {
    const active = document.activeElement;
    if (done !== '' && (active === null || active === document.body)) doneRef.current?.focus();
  }, [done]);

  // (an alarm alone in its incident is shown as in none: there is nothing to split it from)
  const child = members !== undefined && alarm.incidentRoot === false;
  const chosen = targets.find((t) => String(t.id) === into);
  const pending = regroup.isPending ? regroup.variables.body.action : undefined;
  const busy = regroup.isPending || undefined;

  const send = (body: IncidentRegroupBody, said: (moved: number) => string): void => {
    if (regroup.isPending) return;
    setDone('');
    setProblem(undefined);
    regroup.mutate(
      { itemId: alarm.id, body },
      {
        onSuccess: ({ items }) => setDone(said(items.length)),
        onError: (error) => setProblem(regroupErrorText(error)),
      },
    );
  };

  const merge = (e: FormEvent): void => {
    e.preventDefault();
    if (regroup.isPending) return;
    if (chosen === undefined) {
      setDone('');
      setProblem('Choose an incident or an alarm to merge into.');
      selectRef.current?.focus();
      return;
    }
    const label = chosen.name;
    send({ action: 'merge', into: chosen.id }, (moved) =>
      moved > 1 ? `Merged: ${moved} alarms joined the incident of “${label}”.` : `Merged into the incident of “${label}”.`,
    );
    setInto('');
  };

  const mergeHint =
    members === undefined
      ? 'This alarm joins the chosen incident (or the chosen alarm becomes the root cause of a new one) and stops paying on its own.'
      : members.size > 1 && alarm.incidentRoot === true
        ? 'This alarm and the rest of its incident join the chosen incident, under its root cause.'
        : 'This alarm leaves its incident and joins the chosen one, under its root cause.';

  return (
    <div className="incident-regroup" data-testid="incident-regroup">
      <h3 className="incident-panel__subtitle">Regroup</h3>
      {child && (
        <div className="incident-regroup__buttons">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-disabled={busy}
            data-pending={pending === 'root' || undefined}
            onClick={() => send({ action: 'root' }, () => 'This alarm is now the root cause: clearing it clears the incident and pays for all of it.')}
          >
            <Icon of={Target} />
            Make this the root cause
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-disabled={busy}
            data-pending={pending === 'split' || undefined}
            onClick={() => send({ action: 'split' }, () => 'Split out: this alarm is work of its own now, with SLA clocks starting now.')}
          >
            <Icon of={Unlink} />
            Split out of the incident
          </button>
        </div>
      )}
      {members !== undefined && alarm.incidentRoot === true && (
        <p className="incident-regroup__hint">To take this alarm out of the incident, make another of its alarms the root cause first.</p>
      )}
      {targets.length === 0 ? (
        <p className="incident-regroup__hint" data-testid="incident-no-targets">
          There is no other open incident or alarm to merge into.
        </p>
      ) : (
        <form className="incident-regroup__merge" onSubmit={merge} noValidate>
          <label className="incident-regroup__label" htmlFor={ids.select}>
            Merge into…
          </label>
          <p id={ids.hint} className="incident-regroup__hint">
            {mergeHint}
          </p>
          <div className="incident-regroup__merge-row">
            <select
              id={ids.select}
              ref={selectRef}
              className="incident-regroup__select"
              value={chosen === undefined ? '' : String(chosen.id)}
              onChange={(e) => {
                setInto(e.target.value);
                setProblem(undefined);
              }}
              aria-describedby={ids.hint}
              data-testid="incident-merge-target"
            >
              <option value="">Choose…</option>
              {targets.map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {t.label}
                </option>
              ))}
            </select>
            <button type="submit" className="button button--secondary button--small" aria-disabled={busy} data-pending={pending === 'merge' || undefined}>
              <Icon of={GitMerge} />
              Merge
            </button>
          </div>
        </form>
      )}
      {problem !== undefined && (
        <p className="form__error incident-regroup__problem" role="alert" data-testid="incident-error">
          <Icon of={TriangleAlert} /> {problem}
        </p>
      )}
      <p className="incident-regroup__done" role="status" tabIndex={-1} ref={doneRef} data-testid="incident-status">
        {done}
      </p>
    </div>
  );
}
