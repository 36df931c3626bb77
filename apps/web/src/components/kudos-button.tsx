import { useState } from 'react';
import { HandHeart } from 'lucide-react';
import { KudosDialog } from './kudos-dialog';
import { Icon } from './icon';

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
        <Icon of={HandHeart} />{' '}
        {small ? 'Kudos' : 'Give kudos'}
      </button>
      {open && <KudosDialog open={open} onClose={() => setOpen(false)} toPersonId={toPersonId} toName={toName} />}
    </>
  );
}
