import { useId, type FormEvent } from 'react';
import { RULE_PUBLISH_REASON_MAX, RULE_PUBLISH_REASON_MIN } from '@opsquest/contracts';
import { AdminFieldError, describedBy } from './admin-field-error';

interface RulePublishFormProps {
  reason: string;
  onReasonChange: (reason: string) => void;
  onPublish: () => void;
  pending: boolean;
  /** the server's message for the reason */
  reasonError: string | undefined;
  /** any other failure, in words */
  formError: string | undefined;
}

/** Publishing asks why: the reason goes with the new version and into the audit log. */
export function RulePublishForm({ reason, onReasonChange, onPublish, pending, reasonError, formError }: RulePublishFormProps) {
  const reasonId = useId();
  const hintId = useId();
  const errorId = useId();
  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    onPublish();
  };
  return (
    <form className="form rules-publish" onSubmit={onSubmit} noValidate aria-label="Publish the draft" data-testid="rule-publish">
      <div className="field">
        <label className="field__label" htmlFor={reasonId}>
          Reason for this change
        </label>
        <textarea
          id={reasonId}
          rows={2}
          minLength={RULE_PUBLISH_REASON_MIN}
          maxLength={RULE_PUBLISH_REASON_MAX}
          value={reason}
          onChange={(e) => onReasonChange(e.target.value)}
          aria-invalid={reasonError !== undefined}
          aria-describedby={describedBy(hintId, reasonError !== undefined && errorId)}
        />
        <span id={hintId} className="rules-hint">
          Everyone’s new points follow the published version from now on; points already earned stay. The reason is kept in the audit log.
        </span>
        <AdminFieldError id={errorId} message={reasonError} />
      </div>
      {formError !== undefined && (
        <p className="form__error" role="alert">
          {formError}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={pending}>
          Publish
        </button>
      </div>
    </form>
  );
}
