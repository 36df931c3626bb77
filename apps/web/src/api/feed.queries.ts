import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { FeedItem } from '@opsquest/contracts';
import { apiRequest, queryString } from './http';
import { queryKeys } from './query-keys';

const FEED_LIMIT = 30;

interface FeedPage {
  items: FeedItem[];
}

export function useFeed() {
  return useQuery({
    queryKey: queryKeys.feed(FEED_LIMIT),
    queryFn: ({ signal }) => apiRequest<FeedPage>(`/api/feed${queryString({ limit: FEED_LIMIT })}`, { signal }),
    select: (page) => page.items,
  });
}

/** Live feed items go on top (newest first), once each. */
export function prependFeedItems(queryClient: QueryClient, incoming: FeedItem[]): void {
  queryClient.setQueriesData<FeedPage>({ queryKey: queryKeys.feedAll() }, (page) => {
    if (!page) return page;
    const known = new Set(page.items.map((item) => item.id));
    const fresh = incoming.filter((item) => !known.has(item.id));
    if (fresh.length === 0) return page;
    const items = [...fresh, ...page.items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, FEED_LIMIT);
    return { items };
  });
}
