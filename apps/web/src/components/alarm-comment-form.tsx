import { useId, useState, type FormEvent } from 'react';
import { WORK_NOTES_MAX, type WorkItemView } from '@opsquest/contracts';
import { useWorkItemAction } from '../api/work-items.queries';

/** A work note on an open alarm: it goes into the timeline, and it is the follow-up that confirms an acknowledgement. */
export function AlarmCommentForm({ alarm }: { alarm: WorkItemView }) {
  const { act, isPending, pendingAction } = useWorkItemAction();
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | undefined>();
  const fieldId = useId();
  const hintId = useId();
  if (!alarm.open) return null;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const text = notes.trim();
    if (!text) {
      setError('Write what you found or did.');
      return;
    }
    setError(undefined);
    act(alarm.id, { action: 'comment', notes: text });
    setNotes('');
  };

  return (
    <form className="comment-form" onSubmit={submit} data-testid="alarm-comment-form">
      <label htmlFor={fieldId} className="comment-form__label">
        Work note
      </label>
      <p id={hintId} className="comment-form__hint">
        What you found or did. A note after your acknowledgement confirms its points.
      </p>
      <textarea
        id={fieldId}
        className="comment-form__input"
        rows={2}
        maxLength={WORK_NOTES_MAX}
        value={notes}
        aria-describedby={hintId}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setNotes(e.target.value)}
      />
      {error && (
        <p className="comment-form__error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--secondary button--small" aria-disabled={isPending || undefined} data-pending={pendingAction === 'comment' || undefined}>
        Add note
      </button>
    </form>
  );
}
