import { REPEAT_WINDOWS, type CustomersQuery, type CustomersView, type PlaceHistoryEntry, type RepeatPlace } from '@opsquest/contracts';
import { STREAMS, type Stream } from '@opsquest/core';
import { forbidden } from '../domain-errors';
import type { PlaceItemRow, PlaceKind } from '../ports/network-store';
import type { Repositories } from '../ports/repositories';
import type { Principal } from '../use-cases/auth.service';

const DAY_MS = 86_400_000;
const READERS = new Set(['lead', 'admin']);
const isStream = (value: string): value is Stream => (STREAMS as readonly string[]).includes(value);

function toEntry(row: PlaceItemRow): PlaceHistoryEntry | undefined {
  if (!isStream(row.stream)) return undefined;
  return {
    itemId: row.id,
    stream: row.stream,
    title: row.title,
    status: row.status,
    open: row.open,
    openedAt: new Date(row.openedAt).toISOString(),
    closedAt: row.closedAt === null ? null : new Date(row.closedAt).toISOString(),
    resolvedBy: row.resolvedBy,
    firstTimeFix: row.firstTimeFix,
    customersAffected: row.customersAffected,
    site: row.site,
    customer: row.customer,
  };
}

/** Knowing the customer: customers and sites that needed us again and again in the last 30 and 90 days, each with its history. */
export class CustomersService {
  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
  ) {}

  async repeat(query: CustomersQuery, viewer: Principal): Promise<CustomersView> {
    if (!READERS.has(viewer.role)) throw forbidden('Repeat customers are for leads and admins');
    const now = this.now();
    return {
      customers: await this.places('customer', query.limit, now),
      sites: await this.places('site', query.limit, now),
      at: new Date(now).toISOString(),
    };
  }

  private async places(kind: PlaceKind, limit: number, now: number): Promise<RepeatPlace[]> {
    const since = now - REPEAT_WINDOWS.days * DAY_MS;
    const rows = await this.repos.network.repeatPlaces({ kind, since, recentSince: now - REPEAT_WINDOWS.recentDays * DAY_MS, minCount: REPEAT_WINDOWS.minItems, limit });
    const history = new Map<string, PlaceHistoryEntry[]>();
    for (const row of await this.repos.network.placeHistory({ kind, keys: rows.map((r) => r.key), since, perPlace: REPEAT_WINDOWS.historyItems })) {
      const entry = toEntry(row);
      if (entry) history.set(row.place, [...(history.get(row.place) ?? []), entry]);
    }
    return rows.map((r) => ({
      kind,
      key: r.key,
      last30Days: r.recent,
      last90Days: r.total,
      lastSeen: new Date(r.lastSeenAt).toISOString(),
      open: r.open,
      history: history.get(r.key) ?? [],
    }));
  }
}
