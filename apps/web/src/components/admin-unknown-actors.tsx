import type { UnknownActorView } from '@opsquest/contracts';

/** Actors that events named but that are no person here: nobody was paid for that work. */
export function AdminUnknownActors({ actors }: { actors: readonly UnknownActorView[] }) {
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
        </tr>
      </thead>
      <tbody>
        {actors.map((a) => (
          <tr key={a.actor}>
            <td>
              <code>{a.actor}</code>
            </td>
            <td>{a.events}</td>
            <td>{a.items}</td>
            <td>{a.vias.join(', ')}</td>
            <td>
              <time dateTime={a.lastSeen}>{new Date(a.lastSeen).toLocaleString()}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
