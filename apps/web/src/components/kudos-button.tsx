import { useState } from 'react';
import { KudosDialog } from './kudos-dialog';

interface KudosButtonProps {
  toPersonId: string;
  toName: string;
  small?: boolean;
}

/** "Give kudos" for a colleague; opens the message dialog. Never shown for yourself (the caller decides). */
export function KudosButton({ toPersonId, toName, small = false }: KudosButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={`button button--ghost kudos-button${small ? ' button--small' : ''}`}
        onClick={() => setOpen(true)}
        aria-label={`Give kudos to ${toName}`}
        data-testid="give-kudos"
      >
        <span aria-hidden="true">👏 </span>
        {small ? 'Kudos' : 'Give kudos'}
      </button>
      {open && <KudosDialog open={open} onClose={() => setOpen(false)} toPersonId={toPersonId} toName={toName} />}
    </>
  );
}
