import { useId, useState, type FormEvent } from 'react';
import { ADJUSTMENT_POINTS_MAX, ADJUSTMENT_REASON_MAX, ADJUSTMENT_REASON_MIN } from '@opsquest/contracts';
import { isApiRequestError } from '../api/http';
import { bodyFieldErrors, useAdjustPoints } from '../api/rules.queries';
import { formatSignedPoints } from '../lib/format';
import { AdminFieldError, describedBy } from './admin-field-error';

/** A lead's (own team) or an admin's manual adjustment: points up or down, with a reason the person will read. */
export function AdjustPointsForm({ personId, firstName }: { personId: string; firstName: string }) {
  const adjust = useAdjustPoints(personId);
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const pointsId = useId();
  const reasonId = useId();
  const pointsErrorId = useId();
  const reasonErrorId = useId();
  const hintId = useId();
  const errors = bodyFieldErrors(adjust.error);
  const formError = adjust.isError && !isApiRequestError(adjust.error, 400) ? adjust.error.message : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const value = points.trim() === '' ? Number.NaN : Number(points);
    adjust.mutate(
      { points: value, reason: reason.trim() },
      {
        onSuccess: () => {
          setPoints('');
          setReason('');
        },
      },
    );
  };

  return (
    <section className="panel adjust-points" aria-labelledby={`${pointsId}-title`} data-testid="adjust-points">
      <header className="panel__header">
        <h2 id={`${pointsId}-title`} className="panel__title">
          Adjust points
        </h2>
      </header>
      <form className="form adjust-points__form" onSubmit={onSubmit} noValidate aria-label="Adjust points">
        <div className="field">
          <label className="field__label" htmlFor={pointsId}>
            Points (negative to take away)
          </label>
          <input
            id={pointsId}
            type="number"
            inputMode="numeric"
            min={-ADJUSTMENT_POINTS_MAX}
            max={ADJUSTMENT_POINTS_MAX}
            step={1}
            required
            value={points}
            onChange={(e) => setPoints(e.target.value)}
            aria-invalid={errors.points !== undefined}
            aria-describedby={describedBy(errors.points !== undefined && pointsErrorId)}
          />
          <AdminFieldError id={pointsErrorId} message={errors.points} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={reasonId}>
            Reason
          </label>
          <textarea
            id={reasonId}
            rows={2}
            minLength={ADJUSTMENT_REASON_MIN}
            maxLength={ADJUSTMENT_REASON_MAX}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason !== undefined}
            aria-describedby={describedBy(hintId, errors.reason !== undefined && reasonErrorId)}
          />
          <span id={hintId} className="rules-hint">
            {firstName} sees it in their history, and it is kept in the audit log.
          </span>
          <AdminFieldError id={reasonErrorId} message={errors.reason} />
        </div>
        {formError !== undefined && (
          <p className="form__error" role="alert">
            {formError}
          </p>
        )}
        {adjust.isSuccess && (
          <p className="adjust-points__done" role="status">
            Adjusted by {formatSignedPoints(adjust.data.points)}.
          </p>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={adjust.isPending}>
            Adjust points
          </button>
        </div>
      </form>
    </section>
  );
}
