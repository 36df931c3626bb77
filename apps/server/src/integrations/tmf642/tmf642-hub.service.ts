import type { SubscriptionsStore } from '../../services/ports/subscriptions-store';
import { notFound } from '../../services/domain-errors';
import { newHubId } from './tmf642-hub';

/** The integration (API key) asking. */
export interface HubCaller {
  id: string;
  name: string;
}

export interface HubListener {
  id: string;
  callback: string;
  query: string | null;
}

/** TMF642 hub listeners: an NMS registers a callback for alarm events, and only it may remove it. */
export class Tmf642HubService {
  constructor(
    private readonly subscriptions: SubscriptionsStore,
    private readonly now: () => number = Date.now,
  ) {}

  async register(caller: HubCaller, callback: string, eventTypes: readonly string[], query: string | undefined): Promise<HubListener> {
    const id = newHubId();
    await this.subscriptions.create({ id, kind: 'hub', name: `TMF642 hub ${caller.name}`, callbackUrl: callback, eventTypes: [...eventTypes], query: query ?? null, secret: null, createdAt: this.now(), createdBy: caller.id });
    return { id, callback, query: query ?? null };
  }

  /** Only the integration that registered a listener may remove it; to any other key it does not exist. */
  async remove(caller: HubCaller, id: string): Promise<void> {
    const row = await this.subscriptions.find(id);
    if (!row || row.kind !== 'hub' || row.revokedAt !== null || row.createdBy !== caller.id) throw notFound(`Hub listener ${id} not found`);
    await this.subscriptions.revokeOne(id, this.now());
  }
}
