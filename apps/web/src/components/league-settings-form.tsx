import { useId, useState } from 'react';
import { useLeagueSettings, useSetLeagueSettings } from '../api/league-settings.queries';

/** Admin: switch weekly league tiers on or off (people compete within their role either way). */
export function LeagueSettingsForm() {
  const settings = useLeagueSettings();
  const save = useSetLeagueSettings();
  const hintId = useId();
  // The switch follows the click at once (a controlled input would otherwise spring back until the
  // server answers); the server's answer, or a refusal, settles it.
  const [choice, setChoice] = useState<boolean | undefined>();
  if (!settings.data) return null;
  return (
    <div className="league-settings" data-testid="league-settings">
      <label className="league-settings__label">
        <input
          type="checkbox"
          checked={choice ?? settings.data.tiers}
          aria-describedby={hintId}
          aria-disabled={save.isPending || undefined}
          onChange={(e) => {
            if (save.isPending) return;
            setChoice(e.target.checked);
            save.mutate({ tiers: e.target.checked }, { onSettled: () => setChoice(undefined) });
          }}
        />{' '}
        Weekly league tiers with promotion and demotion
      </label>
      <p id={hintId} className="league-settings__hint">
        People always compete with their own role. With tiers on, each week the top fifth of a bronze, silver or gold tier (with points) moves up and the bottom fifth moves down; the weekly board shows each person&apos;s own tier.
      </p>
    </div>
  );
}
