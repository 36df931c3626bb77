import type { QueryClient } from '@tanstack/react-query';
import type { Role } from '@opsquest/contracts';
import { sessionQuery } from './me.queries';
import { MY_OPEN_VISITS, OPEN_ALARMS, OPEN_ORDERS, workItemsQuery } from './work-items.queries';

/** The console's queues for a role, fetched at once: the board renders from them without waiting for the live connection. */
export function prefetchConsoleQueues(client: QueryClient, role: Role): void {
  const queues = role === 'technician' ? [MY_OPEN_VISITS] : [OPEN_ALARMS, OPEN_ORDERS];
  for (const filter of queues) void client.prefetchQuery(workItemsQuery(filter));
}

/**
 * Starts the first screen's requests while React is still starting: the session check at once and,
 * on the console, the role's queues as soon as the session says who this is. Without it they would
 * wait for the first commit (the session check) and then the second (the queues): two round trips
 * later. The components read the same cache keys, so nothing is fetched twice.
 */
export function prefetchFirstScreen(client: QueryClient, pathname: string): void {
  client.fetchQuery(sessionQuery).then(
    (me) => {
      if (me !== null && pathname === '/') prefetchConsoleQueues(client, me.role);
    },
    // No server: the session gate shows the error.
    () => undefined,
  );
}
