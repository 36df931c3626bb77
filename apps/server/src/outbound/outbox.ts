import type { EngineConfig } from '@opsquest/core';
import type { Repositories } from '../services/ports/repositories';
import type { LiveBatch } from '../services/live/live.types';
import { awardEventsOf } from './award-events';

/** Formats hub notifications (e.g. TMF642 AlarmCreateEvent) for a batch; registered by the TMF module. */
export type HubFormatter = (batch: LiveBatch, now: number) => Promise<{ eventType: string; payload: unknown }[]>;

/**
 * The transactional outbox: inside the ingest transaction, every delivery the batch causes is
 * queued for each matching subscription, so a crash can neither lose nor invent one.
 */
export class Outbox {
  private hubFormatter: HubFormatter | undefined;

  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
  ) {}

  setHubFormatter(formatter: HubFormatter): void {
    this.hubFormatter = formatter;
  }

  /** Queues the batch's deliveries; returns how many were queued. */
  async enqueue(batch: LiveBatch, now: number): Promise<number> {
    const subscriptions = await this.repos.subscriptions.listActive();
    if (subscriptions.length === 0) return 0;
    let queued = 0;
    const webhooks = subscriptions.filter((s) => s.kind === 'webhook');
    if (webhooks.length > 0 && (batch.ledger.length || batch.badges.length || batch.levelUps.length || batch.missions?.length)) {
      for (const event of await awardEventsOf(batch, this.repos, this.config)) {
        const body = JSON.stringify(event);
        for (const hook of webhooks) {
          if (!hook.eventTypes.includes(event.type)) continue;
          await this.repos.subscriptions.enqueue(hook.id, event.type, body, now);
          queued += 1;
        }
      }
    }
    const hubs = subscriptions.filter((s) => s.kind === 'hub');
    if (hubs.length > 0 && this.hubFormatter && batch.changes.length > 0) {
      for (const n of await this.hubFormatter(batch, now)) {
        const body = JSON.stringify(n.payload);
        for (const hub of hubs) {
          if (!hub.eventTypes.includes(n.eventType)) continue;
          await this.repos.subscriptions.enqueue(hub.id, n.eventType, body, now);
          queued += 1;
        }
      }
    }
    return queued;
  }
}
