import type { ActorMappingView, TeamSummary, UnknownActorView } from '@opsquest/contracts';
import { AdminMapActor } from './admin-map-actor';

/** Actors that events named but that are no person here: nobody was paid for that work until an admin maps the name to a person. */
export function AdminUnknownActors({ actors, teams, onMapped }: { actors: readonly UnknownActorView[]; teams: readonly TeamSummary[]; onMapped: (mapping: ActorMappingView) => void }) {
  return (
    <table className="admin-table" data-testid="unknown-actors">
      <caption className="visually-hidden">Unknown actors</caption>
      <thead>
        <tr>
          <th scope="col">Name sent</th>
          <th scope="col">Events</th>
          <th scope="col">Items</th>
          <th scope="col">Sent by</th>
          <th scope="col">Last seen</th>
          <th scope="col">Map to person</th>
        </tr>
      </thead>
      <tbody>
        {actors.map((a) => (
          <tr key={a.actor}>
            <td data-label="Name sent">
              <code>{a.actor}</code>
            </td>
            <td data-label="Events">{a.events}</td>
            <td data-label="Items">{a.items}</td>
            <td data-label="Sent by">{a.vias.join(', ')}</td>
            <td data-label="Last seen">
              <time dateTime={a.lastSeen}>{new Date(a.lastSeen).toLocaleString()}</time>
            </td>
            <td data-label="Map to person" className="admin-table__actions">
              <AdminMapActor actor={a.actor} teams={teams} onMapped={onMapped} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
