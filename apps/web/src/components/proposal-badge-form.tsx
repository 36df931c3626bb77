import { useId, useState, type FormEvent } from 'react';
import { BADGE_DESCRIPTION_MAX, BADGE_NAME_MAX, BADGE_NAME_MIN, BADGE_THRESHOLD_MAX, DEFAULT_BADGE_ICON, MAX_BADGE_BONUS, type BadgeIconName } from '@opsquest/contracts';
import { fieldErrorsOf } from '../api/admin.queries';
import { isApiRequestError } from '../api/http';
import { useProposeBadge } from '../api/missions.queries';
import { AdminFieldError, describedBy } from './admin-field-error';
import { BadgeIconPicker } from './badge-icon-picker';
import { criteriaOf, EMPTY_CRITERIA, MissionCriteriaFields, type CriteriaState } from './mission-criteria-fields';

/** Staff propose a badge: name, description, icon, what counts, threshold and bonus points (at most 200). */
export function ProposalBadgeForm() {
  const propose = useProposeBadge();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [icon, setIcon] = useState<BadgeIconName>(DEFAULT_BADGE_ICON);
  const [threshold, setThreshold] = useState('5');
  const [bonus, setBonus] = useState('25');
  const [criteria, setCriteria] = useState<CriteriaState>(EMPTY_CRITERIA);
  const [done, setDone] = useState(false);
  const ids = { name: useId(), description: useId(), threshold: useId(), bonus: useId() };
  const errors = fieldErrorsOf(propose.error);
  const formError = propose.isError && !isApiRequestError(propose.error, 400) ? propose.error.message : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setDone(false);
    propose.mutate(
      { name: name.trim(), description: description.trim(), icon, criteria: criteriaOf(criteria), threshold: Number(threshold), bonusPoints: Number(bonus) },
      {
        onSuccess: () => {
          setDone(true);
          setName('');
          setDescription('');
        },
      },
    );
  };

  const field = (key: 'name' | 'description' | 'threshold' | 'bonusPoints', id: string) => ({
    id,
    'aria-invalid': errors[key] !== undefined,
    'aria-describedby': describedBy(errors[key] !== undefined && `${id}-e`),
  });

  return (
    <form className="form mission-form" onSubmit={onSubmit} noValidate aria-label="Propose a badge" data-testid="badge-propose-form">
      <div className="mission-form__grid">
        <div className="field">
          <label className="field__label" htmlFor={ids.name}>
            Badge name
          </label>
          <input {...field('name', ids.name)} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" minLength={BADGE_NAME_MIN} maxLength={BADGE_NAME_MAX} required />
          <AdminFieldError id={`${ids.name}-e`} message={errors.name} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.threshold}>
            How many to earn it
          </label>
          <input {...field('threshold', ids.threshold)} type="number" min={1} max={BADGE_THRESHOLD_MAX} step={1} inputMode="numeric" required value={threshold} onChange={(e) => setThreshold(e.target.value)} />
          <AdminFieldError id={`${ids.threshold}-e`} message={errors.threshold} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.bonus}>
            Bonus points (up to {MAX_BADGE_BONUS})
          </label>
          <input {...field('bonusPoints', ids.bonus)} type="number" min={0} max={MAX_BADGE_BONUS} step={1} inputMode="numeric" required value={bonus} onChange={(e) => setBonus(e.target.value)} />
          <AdminFieldError id={`${ids.bonus}-e`} message={errors.bonusPoints} />
        </div>
      </div>
      <BadgeIconPicker value={icon} onChange={setIcon} error={errors.icon} />
      <div className="field">
        <label className="field__label" htmlFor={ids.description}>
          Description
        </label>
        <textarea {...field('description', ids.description)} rows={2} maxLength={BADGE_DESCRIPTION_MAX} required value={description} onChange={(e) => setDescription(e.target.value)} />
        <AdminFieldError id={`${ids.description}-e`} message={errors.description} />
      </div>
      <MissionCriteriaFields value={criteria} onChange={setCriteria} />
      {formError && (
        <p className="form__error" role="alert">
          {formError}
        </p>
      )}
      {done && (
        <p className="notice mission-form__done" role="status">
          Badge proposal sent to your lead.
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={propose.isPending}>
        Send badge proposal
      </button>
    </form>
  );
}
