import { useId, useState } from 'react';
import type { ActorMappingView, TeamSummary } from '@opsquest/contracts';
import { useMapActor } from '../api/admin.queries';

/**
 * "Map to person" for one unknown actor: choose the person, then confirm (a mapping is for good and
 * pays the name's earlier work once, as back-pay). The answer says what was paid.
 */
export function AdminMapActor({ actor, teams, onMapped }: { actor: string; teams: readonly TeamSummary[]; onMapped: (mapping: ActorMappingView) => void }) {
  const [personId, setPersonId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const map = useMapActor();
  const selectId = useId();
  const person = teams.flatMap((t) => t.members).find((m) => m.id === personId);

  if (confirming && person) {
    return (
      <div className="admin-confirm" role="group" aria-label={`Map ${actor} to ${person.displayName}?`}>
        <span className="admin-confirm__text">
          From now on “{actor}” is {person.displayName}, and the work done under that name is paid once as back-pay. This cannot be undone.
        </span>
        <button
          type="button"
          className="button button--primary button--small"
          onClick={() => map.mutate({ actor, personId: person.id }, { onSuccess: (mapping) => onMapped(mapping) })}
          disabled={map.isPending}
          data-pending={map.isPending ? '' : undefined}
        >
          Map and back-pay
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(false)} autoFocus>
          Cancel
        </button>
        {map.isError && (
          <p className="admin-field-error" role="alert">
            {map.error.message}
          </p>
        )}
      </div>
    );
  }

  return (
    <form
      className="admin-map-actor"
      onSubmit={(e) => {
        e.preventDefault();
        if (person) setConfirming(true);
      }}
    >
      <label className="visually-hidden" htmlFor={selectId}>
        Person “{actor}” is
      </label>
      <select id={selectId} value={personId} onChange={(e) => setPersonId(e.target.value)}>
        <option value="">Choose a person…</option>
        {teams.map((team) => (
          <optgroup key={team.id} label={team.name}>
            {team.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.displayName}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <button type="submit" className="button button--secondary button--small" disabled={!person} aria-label={`Map ${actor} to a person`}>
        Map…
      </button>
    </form>
  );
}
