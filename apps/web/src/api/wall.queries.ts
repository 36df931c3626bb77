import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WallView, Window } from '@opsquest/contracts';
import { apiRequest, queryString } from './http';

export const wallKeys = {
  all: () => ['wall'] as const,
  wall: (window: Window) => ['wall', { window }] as const,
};

/** GET /api/wall: the TV wall in one read. Refreshed by socket events (use-wall-live), never polled. */
export function useWall(window: Window) {
  return useQuery({
    queryKey: wallKeys.wall(window),
    queryFn: ({ signal }) => apiRequest<WallView>(`/api/wall${queryString({ window })}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
