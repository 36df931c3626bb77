import { useId } from 'react';
import type { ParticipationSettings } from '@opsquest/contracts';
import { useParticipation, useUpdateParticipation } from '../api/participation.queries';
import { ErrorState, LoadingState } from './query-states';

const SWITCHES: { key: keyof ParticipationSettings; label: string; on: string; off: string }[] = [
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

/** My participation settings: three switches with what each one does. Saved at once. */
export function ParticipationSettingsForm() {
  const settings = useParticipation();
  const update = useUpdateParticipation();
  if (settings.isPending) return <LoadingState label="Loading your settings…" />;
  if (settings.isError) return <ErrorState title="Could not load your settings" error={settings.error} onRetry={() => void settings.refetch()} />;
  const current: ParticipationSettings = { publicBoards: settings.data.publicBoards, showInFeed: settings.data.showInFeed, acceptKudos: settings.data.acceptKudos };
  return (
    <div className="participation" data-testid="participation">
      <ul className="participation__list">
        {SWITCHES.map((s) => (
          <Switch key={s.key} name={s.key} label={s.label} on={s.on} off={s.off} checked={current[s.key]} disabled={update.isPending} onChange={(v) => update.mutate({ ...current, [s.key]: v })} />
        ))}
      </ul>
      <p className="participation__status" aria-live="polite" data-testid="participation-status">
        {update.isPending ? 'Saving…' : update.isError ? `Not saved: ${update.error.message}` : update.isSuccess ? 'Saved.' : ''}
      </p>
    </div>
  );
}
