import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CustomersView, NetworkHealthView } from '@opsquest/contracts';
import { dashboardKeys } from './dashboard.queries';
import { apiRequest, queryString } from './http';

export interface NetworkHealthParams {
  /** undefined: every region */
  region: string | undefined;
  weeks: number;
}

/**
 * Query keys of network health and the Customers page. They sit under the dashboard's key, so the
 * dashboard's live refresh (useDashboardLive: work items changed, debounced) refreshes them too.
 */
export const networkKeys = {
  health: (params: NetworkHealthParams) => [...dashboardKeys.all(), 'network-health', params] as const,
  customers: (limit: number) => [...dashboardKeys.all(), 'customers', { limit }] as const,
};

/** GET /api/network-health: open alarms by region and site, MTTR per week, recurring faults. */
export function useNetworkHealth(params: NetworkHealthParams) {
  return useQuery({
    queryKey: networkKeys.health(params),
    queryFn: ({ signal }) => apiRequest<NetworkHealthView>(`/api/network-health${queryString({ region: params.region, weeks: params.weeks })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/customers: customers and sites with repeat faults or visits, each with its history. */
export function useRepeatCustomers(limit: number) {
  return useQuery({
    queryKey: networkKeys.customers(limit),
    queryFn: ({ signal }) => apiRequest<CustomersView>(`/api/customers${queryString({ limit })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
