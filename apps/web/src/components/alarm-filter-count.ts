import type { AlarmFilter } from './alarm-filter';

/** How many parts of the filter narrow the board: "Filters (2)" on a phone, where they fold away. */
export function activeFilterCount(filter: AlarmFilter): number {
  return [
    filter.search.trim() !== '',
    filter.severities.length > 0,
    filter.ack !== 'all',
    filter.region !== '',
    filter.site !== '',
    filter.assignment !== 'all',
  ].filter(Boolean).length;
}
