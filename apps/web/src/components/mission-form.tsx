import { useId, useState, type FormEvent } from 'react';
import { MAX_MISSION_REWARD, MISSION_TARGET_MAX, MISSION_TITLE_MAX, type MissionAudience, type MissionDraft } from '@opsquest/contracts';
import { fieldErrorsOf } from '../api/admin.queries';
import { useTeams } from '../api/dashboard.queries';
import { isApiRequestError } from '../api/http';
import { useCreateMission, useMissionTemplates, useProposeMission } from '../api/missions.queries';
import { useSignedInUser } from '../stores/session.store';
import { AdminFieldError, describedBy } from './admin-field-error';
import { criteriaOf, EMPTY_CRITERIA, MissionCriteriaFields, type CriteriaState } from './mission-criteria-fields';

/** A local date (YYYY-MM-DD) as the ISO instant its day starts, or ends. */
function dayBound(day: string, end: boolean): string | undefined {
  if (day === '') return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  return new Date(end ? d.getTime() + 86_400_000 - 1 : d.getTime()).toISOString();
}

/** The audience select's value ("everyone", "team:<id>", "person:<id>") as the API's audience. */
function audienceOf(value: string): MissionAudience {
  if (value.startsWith('team:')) return { kind: 'team', teamId: value.slice(5) };
  if (value.startsWith('person:')) return { kind: 'people', personIds: [value.slice(7)] };
  return { kind: 'everyone' };
}

/**
 * A new mission from a template (adjusting target, dates, reward) or from the rule builder.
 * Leads and admins create it (active at once); staff propose it to their lead.
 */
export function MissionForm({ mode }: { mode: 'create' | 'propose' }) {
  const me = useSignedInUser();
  const templates = useMissionTemplates();
  const create = useCreateMission();
  const propose = useProposeMission();
  const mutation = mode === 'create' ? create : propose;
  const [source, setSource] = useState<'template' | 'builder'>('template');
  const [templateId, setTemplateId] = useState('');
  const [title, setTitle] = useState('');
  const [target, setTarget] = useState('');
  const [reward, setReward] = useState('');
  const [starts, setStarts] = useState('');
  const [ends, setEnds] = useState('');
  const [audience, setAudience] = useState(me.team ? `team:${me.team.id}` : 'everyone');
  const [scope, setScope] = useState<'person' | 'team'>('person');
  const teams = useTeams(mode === 'create');
  // leads set missions for their own team or its members; admins for anyone
  const reachable = (teams.data ?? []).filter((t) => me.role === 'admin' || t.id === me.team?.id);
  const [criteria, setCriteria] = useState<CriteriaState>(EMPTY_CRITERIA);
  const [done, setDone] = useState<string | undefined>(undefined);
  const ids = { scope: useId(), template: useId(), title: useId(), target: useId(), reward: useId(), starts: useId(), ends: useId(), audience: useId(), err: useId() };
  const errors = fieldErrorsOf(mutation.error);
  const formError = mutation.isError && !isApiRequestError(mutation.error, 400) ? mutation.error.message : undefined;
  const chosen = templates.data?.find((t) => t.id === templateId);

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setDone(undefined);
    const startsAt = dayBound(starts, false);
    const endsAt = dayBound(ends, true);
    const draft: MissionDraft = {
      ...(source === 'template' && templateId !== '' ? { templateId } : {}),
      ...(title.trim() !== '' ? { title: title.trim() } : {}),
      ...(target !== '' ? { target: Number(target) } : {}),
      ...(reward !== '' ? { rewardPoints: Number(reward) } : {}),
      ...(startsAt ? { startsAt } : {}),
      ...(endsAt ? { endsAt } : {}),
      ...(source === 'builder' ? { criteria: criteriaOf(criteria), scope } : {}),
      ...(mode === 'create' ? { audience: audienceOf(audience) } : {}),
    };
    mutation.mutate(draft, {
      onSuccess: () => {
        setDone(mode === 'create' ? 'Mission created: it is live now.' : 'Proposal sent to your lead.');
        setTitle('');
        setTarget('');
        setReward('');
      },
    });
  };

  const label = mode === 'create' ? 'New mission' : 'Propose a mission';
  return (
    <form className="form mission-form" onSubmit={onSubmit} noValidate aria-label={label} data-testid={mode === 'create' ? 'mission-create-form' : 'mission-propose-form'}>
      <fieldset className="mission-form__source">
        <legend className="field__label">Start from</legend>
        <label className="checkbox">
          <input type="radio" name={`${ids.template}-source`} checked={source === 'template'} onChange={() => setSource('template')} />A template
        </label>
        <label className="checkbox">
          <input type="radio" name={`${ids.template}-source`} checked={source === 'builder'} onChange={() => setSource('builder')} />
          The rule builder
        </label>
      </fieldset>
      {source === 'template' ? (
        <div className="field">
          <label className="field__label" htmlFor={ids.template}>
            Template
          </label>
          <select id={ids.template} value={templateId} onChange={(e) => setTemplateId(e.target.value)} aria-invalid={errors.templateId !== undefined}>
            <option value="">Choose a template…</option>
            {(templates.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
          {chosen && (
            <p className="mission-form__hint">
              {chosen.description} Default target {chosen.target}, reward {chosen.rewardPoints} points, this {chosen.period}.
            </p>
          )}
          <AdminFieldError id={`${ids.template}-e`} message={errors.templateId} />
        </div>
      ) : (
        <>
          <div className="field">
            <label className="field__label" htmlFor={ids.scope}>
              Progress is counted
            </label>
            <select id={ids.scope} value={scope} onChange={(e) => setScope(e.target.value === 'team' ? 'team' : 'person')}>
              <option value="person">Per person</option>
              <option value="team">For the whole team</option>
            </select>
          </div>
          <MissionCriteriaFields value={criteria} onChange={setCriteria} />
        </>
      )}
      <div className="mission-form__grid">
        <div className="field">
          <label className="field__label" htmlFor={ids.title}>
            Title{source === 'template' ? ' (optional)' : ''}
          </label>
          <input id={ids.title} value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" maxLength={MISSION_TITLE_MAX} required={source === 'builder'} aria-invalid={errors.title !== undefined} aria-describedby={describedBy(errors.title !== undefined && `${ids.title}-e`)} />
          <AdminFieldError id={`${ids.title}-e`} message={errors.title} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.target}>
            Target{source === 'template' ? ' (optional)' : ''}
          </label>
          <input id={ids.target} type="number" min={1} max={MISSION_TARGET_MAX} step={1} inputMode="numeric" required={source === 'builder'} value={target} onChange={(e) => setTarget(e.target.value)} aria-invalid={errors.target !== undefined} aria-describedby={describedBy(errors.target !== undefined && `${ids.target}-e`)} />
          <AdminFieldError id={`${ids.target}-e`} message={errors.target} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.reward}>
            Reward points (optional)
          </label>
          <input id={ids.reward} type="number" min={0} max={MAX_MISSION_REWARD} step={1} inputMode="numeric" value={reward} onChange={(e) => setReward(e.target.value)} aria-invalid={errors.rewardPoints !== undefined} aria-describedby={describedBy(errors.rewardPoints !== undefined && `${ids.reward}-e`)} />
          <AdminFieldError id={`${ids.reward}-e`} message={errors.rewardPoints} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.starts}>
            Starts (optional)
          </label>
          <input id={ids.starts} type="date" value={starts} onChange={(e) => setStarts(e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.ends}>
            Ends (optional)
          </label>
          <input id={ids.ends} type="date" value={ends} onChange={(e) => setEnds(e.target.value)} aria-invalid={errors.endsAt !== undefined} aria-describedby={describedBy(errors.endsAt !== undefined && `${ids.ends}-e`)} />
          <AdminFieldError id={`${ids.ends}-e`} message={errors.endsAt} />
        </div>
        {mode === 'create' && (
          <div className="field">
            <label className="field__label" htmlFor={ids.audience}>
              For
            </label>
            <select id={ids.audience} value={audience} onChange={(e) => setAudience(e.target.value)}>
              {me.role === 'admin' && <option value="everyone">Everyone</option>}
              {me.team && !reachable.some((t) => t.id === me.team?.id) && <option value={`team:${me.team.id}`}>{me.team.name}</option>}
              {reachable.map((t) => (
                <optgroup key={t.id} label={t.name}>
                  <option value={`team:${t.id}`}>Everyone in {t.name}</option>
                  {t.members.map((p) => (
                    <option key={p.id} value={`person:${p.id}`}>
                      {p.displayName}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        )}
      </div>
      {formError && (
        <p className="form__error" role="alert">
          {formError}
        </p>
      )}
      {errors.audience && (
        <p className="form__error" role="alert">
          {errors.audience}
        </p>
      )}
      {done && (
        <p className="notice mission-form__done" role="status">
          {done}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={mutation.isPending}>
        {mode === 'create' ? 'Create mission' : 'Send proposal'}
      </button>
    </form>
  );
}
