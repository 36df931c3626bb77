import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { KUDOS_MESSAGE_MAX } from '@opsquest/contracts';
import { fieldErrorsOf } from '../api/admin.queries';
import { useGiveKudos, useKudosBudget } from '../api/kudos.queries';
import { useToastStore } from '../stores/toast.store';

interface KudosDialogProps {
  open: boolean;
  onClose: () => void;
  toPersonId: string;
  toName: string;
}

/** Kudos for a colleague: a short message, with how many I have left today (native modal dialog). */
export function KudosDialog({ open, onClose, toPersonId, toName }: KudosDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();
  const hintId = useId();
  const errorId = useId();
  const [message, setMessage] = useState('');
  const budget = useKudosBudget(open);
  const give = useGiveKudos();
  const show = useToastStore((s) => s.show);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const left = budget.data?.left;
  const noneLeft = left === 0;
  const trimmed = message.trim();

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (trimmed.length === 0 || noneLeft) return;
    give.mutate(
      { toPersonId, message: trimmed },
      {
        onSuccess: () => {
          setMessage('');
          show({ kind: 'points', title: `Kudos sent to ${toName}`, detail: 'They get 5 points.' });
          onClose();
        },
      },
    );
  };

  return (
    <dialog ref={ref} className="dialog kudos-dialog" aria-labelledby={titleId} onClose={onClose} data-testid="kudos-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="dialog__title">
          Give kudos to {toName}
        </h2>
        <div className="field">
          <label className="field__label" htmlFor={messageId}>
            Your message
          </label>
          <textarea
            id={messageId}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            maxLength={KUDOS_MESSAGE_MAX}
            rows={3}
            required
            aria-describedby={`${hintId}${give.isError ? ` ${errorId}` : ''}`}
            data-testid="kudos-message"
          />
        </div>
        <p id={hintId} className="dialog__hint" data-testid="kudos-left" aria-live="polite">
          {left === undefined ? 'Checking how many you have left…' : noneLeft ? 'No kudos left today: you get 3 again tomorrow.' : `${left} left today`} ·{' '}
          {KUDOS_MESSAGE_MAX - message.length} characters left
        </p>
        {give.isError && (
          <p id={errorId} className="kudos-dialog__error" role="alert" data-testid="kudos-error">
            {fieldErrorsOf(give.error).message ?? give.error.message}
          </p>
        )}
        <div className="kudos-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={trimmed.length === 0 || noneLeft || give.isPending} data-testid="kudos-send">
            Send kudos
          </button>
        </div>
      </form>
    </dialog>
  );
}
