import { QueryClient } from '@tanstack/react-query';
import { isApiRequestError } from './http';

const MAX_RETRIES = 2;

/** One client for the app. No polling: sockets keep the caches fresh. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      // 4xx answers will not change on retry; network errors and 5xx may.
      retry: (failureCount, error) => failureCount < MAX_RETRIES && !(isApiRequestError(error) && error.status >= 400 && error.status < 500),
    },
    mutations: { retry: false },
  },
});
