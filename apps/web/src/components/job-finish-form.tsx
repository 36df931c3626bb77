import { useId, useState } from 'react';
import { WORK_NOTES_MAX } from '@opsquest/contracts';

interface JobFinishFormProps {
  id: string;
  titleId: string;
  onComplete: (input: { firstTimeFix: boolean; notes?: string }) => void;
  onUnable: (input: { notes?: string }) => void;
}

/** Closing a visit: first-time fix and notes, then complete it or record that it could not be done. */
export function JobFinishForm({ id, titleId, onComplete, onUnable }: JobFinishFormProps) {
  const notesId = useId();
  const ftfId = useId();
  const [firstTimeFix, setFirstTimeFix] = useState(false);
  const [notes, setNotes] = useState('');
  const trimmed = notes.trim();
  const notesBody = trimmed === '' ? {} : { notes: trimmed };
  return (
    <fieldset className="visit__finish field-card__finish" id={id}>
      <legend>Finish the visit</legend>
      <label className="checkbox field-card__check" htmlFor={ftfId}>
        <input id={ftfId} type="checkbox" checked={firstTimeFix} onChange={(e) => setFirstTimeFix(e.target.checked)} />
        First-time fix
      </label>
      <label className="field" htmlFor={notesId}>
        <span className="field__label">Notes</span>
        <textarea id={notesId} rows={2} maxLength={WORK_NOTES_MAX} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder="What you found, what you did" />
      </label>
      <div className="visit__finish-actions">
        <button type="button" className="button button--big button--success" aria-describedby={titleId} onClick={() => onComplete({ firstTimeFix, ...notesBody })}>
          Confirm complete
        </button>
        <button type="button" className="button button--big button--danger" aria-describedby={titleId} onClick={() => onUnable(notesBody)}>
          Unable to complete
        </button>
      </div>
    </fieldset>
  );
}
