import { useQuery } from '@tanstack/react-query';
import type { PersonView } from '@opsquest/contracts';
import { apiRequest } from './http';

export const peopleKeys = {
  all: () => ['people'] as const,
  person: (id: string) => ['people', id] as const,
};

/** GET /api/people/:id: 403 (not your team) and 404 are answers, not retried. */
export function usePerson(id: string) {
  return useQuery({
    queryKey: peopleKeys.person(id),
    queryFn: ({ signal }) => apiRequest<PersonView>(`/api/people/${encodeURIComponent(id)}`, { signal }),
  });
}
