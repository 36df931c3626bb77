import { useId } from 'react';
import type { ParticipationSettings } from '@opsquest/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys';
import { useParticipation, useUpdateParticipation } from '../api/participation.queries';
import { ErrorState, LoadingState } from './query-states';

type BooleanSwitch = 'publicBoards' | 'showInFeed' | 'acceptKudos' | 'playsGame';

const SWITCHES: { key: BooleanSwitch; label: string; on: string; off: string }[] = [
  {
    key: 'publicBoards',
    label: 'Show my name on leaderboards',
    on: 'Colleagues see your name and rank on leaderboards, the wall and your person page.',
    off: 'Colleagues see “Anonymous” instead of you. You, your own team lead and admins still see your name.',
  },
  {
    key: 'showInFeed',
    label: 'Show my name in the activity feed',
    on: 'Your points, badges and kudos appear in your team’s feed with your name.',
    off: 'Your feed lines say “A teammate”. You, your own team lead and admins still see your name.',
  },
  {
    key: 'acceptKudos',
    label: 'Accept kudos from colleagues',
    on: 'Colleagues can thank you with kudos (5 points each).',
    off: 'Nobody can give you kudos.',
  },
];

function Switch({ name, label, on, off, checked, disabled, onChange }: { name: string; label: string; on: string; off: string; checked: boolean; disabled: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  const hint = useId();
  return (
    <li className="participation__item">
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="participation__switch"
        checked={checked}
        disabled={disabled}
        aria-describedby={hint}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={`participation-${name}`}
      />
      <div>
        <label htmlFor={id} className="participation__label">
          {label}
        </label>
        <p id={hint} className="participation__hint">
          {checked ? on : off}
        </p>
      </div>
    </li>
  );
}

/** Leads and admins only: whether they play along (off until they choose to). */
const GAME_SWITCH: (typeof SWITCHES)[number] = {
  key: 'playsGame',
  label: 'Take part in the game myself',
  on: 'Your own level, points and streak show in the header, and your work earns rewards like everyone’s.',
  off: 'No personal level, points or streak in your header. Your team’s game is not affected.',
};

/** My participation settings: a switch per choice with what it does (the game switch for leads and admins). Saved at once. */
export function ParticipationSettingsForm() {
  const settings = useParticipation();
  const update = useUpdateParticipation();
  const queryClient = useQueryClient();
  if (settings.isPending) return <LoadingState label="Loading your settings…" />;
  if (settings.isError) return <ErrorState title="Could not load your settings" error={settings.error} onRetry={() => void settings.refetch()} />;
  const { publicBoards, showInFeed, acceptKudos, playsGame, gameIsOptional } = settings.data;
  // While a change is saving, the switches show it (the server's answer then confirms it, or they flip back).
  const saving = update.isPending ? update.variables : undefined;
  const current: Required<ParticipationSettings> = {
    publicBoards: saving?.publicBoards ?? publicBoards,
    showInFeed: saving?.showInFeed ?? showInFeed,
    acceptKudos: saving?.acceptKudos ?? acceptKudos,
    playsGame: saving?.playsGame ?? playsGame,
  };
  const switches = gameIsOptional ? [...SWITCHES, GAME_SWITCH] : SWITCHES;
  const save = (key: BooleanSwitch, value: boolean): void => {
    const next: ParticipationSettings = { publicBoards, showInFeed, acceptKudos, ...(gameIsOptional ? { playsGame } : {}), [key]: value };
    // The header follows the game switch at once.
    update.mutate(next, { onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.me() }) });
  };
  return (
    <div className="participation" data-testid="participation">
      <ul className="participation__list">
        {switches.map((s) => (
          <Switch key={s.key} name={s.key} label={s.label} on={s.on} off={s.off} checked={current[s.key]} disabled={update.isPending} onChange={(v) => save(s.key, v)} />
        ))}
      </ul>
      <p className="participation__status" aria-live="polite" data-testid="participation-status">
        {update.isPending ? 'Saving…' : update.isError ? `Not saved: ${update.error.message}` : update.isSuccess ? 'Saved.' : ''}
      </p>
    </div>
  );
}
