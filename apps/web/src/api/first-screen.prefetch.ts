import type { QueryClient } from '@tanstack/react-query';
import { meQuery } from './me.queries';
import { MY_OPEN_VISITS, OPEN_ALARMS, OPEN_ORDERS, workItemsQuery } from './work-items.queries';

/**
 * Starts the first screen's requests while React is still starting: the session check at once and,
 * on the console, the role's queues as soon as the session says who this is. Without it they would
 * wait for the first commit (GET /api/me) and then the second (the queues): two round trips later.
 * The components read the same cache keys, so nothing is fetched twice.
 */
export function prefetchFirstScreen(client: QueryClient, pathname: string): void {
  client.fetchQuery(meQuery).then(
    (me) => {
      if (pathname !== '/') return;
      const queues = me.role === 'technician' ? [MY_OPEN_VISITS] : [OPEN_ALARMS, OPEN_ORDERS];
      for (const filter of queues) void client.prefetchQuery(workItemsQuery(filter));
    },
    // No session (401) or no server: the session gate shows the login page or the error.
    () => undefined,
  );
}
