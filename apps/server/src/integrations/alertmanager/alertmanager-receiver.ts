import type { OpsEvent } from '@opsquest/core';
import type { Logger } from '../../logger';
import type { ApiKeyStore } from '../../services/ports/auth-stores';
import type { ApiKeyPrincipal } from '../../services/use-cases/auth.service';
import type { IngestService } from '../../services/use-cases/ingest.service';
import type { IntegrationNoticesService } from '../../services/live/integration-notices.service';
import { ALERTMANAGER_INGEST_CHUNK } from './alertmanager.limits';
import { ALERTMANAGER_SOURCE, mapAlert, type MappedAlert, type SeverityMap } from './alertmanager.mapper';
import type { AlertmanagerAlert, AlertmanagerEnvelope } from './alertmanager.schema';
import type { AlertRefusal, ReceivedNotification } from './alertmanager-notification';
import { rawContext, rawOfAlert } from './alertmanager-raw';
import { groupKeyOf, senderOf } from './alertmanager-senders';
import { alertmanagerResult, type AlertmanagerResult, type AlertOrigin, type IngestedAlert } from './alertmanager-result';
import { recoverTruncatedGroup, type Recovery, type TruncationDeps } from './alertmanager-truncation';

export interface ReceiverDeps extends TruncationDeps {
  ingest: IngestService;
  notices: IntegrationNoticesService;
  apiKeys: ApiKeyStore;
  /** the receive time of clears OpsQuest makes itself */
  now: () => number;
}

/** An alert to store, with its raw payload. */
interface Pending {
  alert: AlertmanagerAlert;
  raw: string;
}

const VIA = 'alertmanager';
const REFUSALS_IN_REASON = 3;

function refusalReason(refused: readonly AlertRefusal[]): string {
  const named = refused.slice(0, REFUSALS_IN_REASON).map((r) => `${r.field}: ${r.message}`);
  const more = refused.length > REFUSALS_IN_REASON ? `; and ${refused.length - REFUSALS_IN_REASON} more` : '';
  return `${refused.length} alert(s) of the notification refused, the others stored: ${named.join('; ')}${more}`;
}

/**
 * Alertmanager's webhook use case: stores a notification's valid alerts (in chunks, each awaited,
 * the answer only after the last), makes a truncated group whole from Alertmanager's API when the
 * key allows it, and tells the admins (integration notices) what could not be taken.
 */
export class AlertmanagerReceiver {
  constructor(private readonly deps: ReceiverDeps) {}

  async receive(key: ApiKeyPrincipal, notification: ReceivedNotification, log?: Logger): Promise<AlertmanagerResult> {
    const { envelope, accepted, refused } = notification;
    const settings = await this.deps.apiKeys.find(key.id);
    const severityMap = settings?.severityMap ?? {};
    const context = rawContext(envelope);
    const ingested = await this.store(
      accepted.map((a) => ({ alert: a.alert, raw: rawOfAlert(context, a.json) })),
      severityMap,
      'notification',
    );
    const truncatedAlerts = envelope.truncatedAlerts ?? 0;
    const group = { keyId: key.id, source: ALERTMANAGER_SOURCE, groupKey: groupKeyOf(envelope) ?? null, groupLabels: envelope.groupLabels ?? {} };
    let recovered: AlertmanagerResult['recovered'];
    let warning: string | undefined;
    if (truncatedAlerts > 0) {
      const carried = new Set([...ingested.map((i) => i.mapped.fingerprint), ...notification.refusedFingerprints]);
      const recovery = await recoverTruncatedGroup({ envelope, allowed: settings?.alertmanagerUrls ?? [], carried }, this.deps);
      if (recovery.ok) {
        const made = await this.makeWhole(envelope, recovery, severityMap);
        for (const row of [...made.fetched, ...made.cleared]) ingested.push(row);
        recovered = { from: recovery.from, fetched: made.fetched.length, cleared: made.cleared.length };
        await this.deps.notices.complete(key.id, group.groupKey);
      } else {
        await this.deps.notices.truncated({ ...group, missing: truncatedAlerts, reason: recovery.reason });
        const cutBy = senderOf(envelope) === 'grafana' ? 'Grafana left' : 'Alertmanager left';
        warning = `${cutBy} ${truncatedAlerts} alert(s) out of this notification (max_alerts) and OpsQuest could not fetch them: ${recovery.reason}. The group's gap stays open (an integration notice) and OpsQuest tries again with its next notification.`;
        log?.warn({ truncatedAlerts, groupKey: envelope.groupKey, reason: recovery.reason }, 'alertmanager notification was truncated and could not be made whole');
      }
    } else {
      await this.deps.notices.complete(key.id, group.groupKey);
    }
    if (refused.length > 0) await this.deps.notices.refused({ ...group, status: 200, missing: refused.length, reason: refusalReason(refused) });
    return alertmanagerResult({ received: accepted.length + refused.length, truncatedAlerts, ingested, refused, ...(recovered ? { recovered } : {}), ...(warning ? { warning } : {}) });
  }

  /** The missing alerts, as if the notification had carried them, then the clears of what was resolved in the cut part. */
  private async makeWhole(envelope: AlertmanagerEnvelope, recovery: Extract<Recovery, { ok: true }>, severityMap: SeverityMap): Promise<{ fetched: IngestedAlert[]; cleared: IngestedAlert[] }> {
    const fetchedContext = rawContext(envelope, { fetchedFrom: recovery.url });
    const fetched = await this.store(
      recovery.missing.map((m) => ({ alert: m.alert, raw: rawOfAlert(fetchedContext, m.json) })),
      severityMap,
      'fetched',
    );
    const reason = `Cleared by OpsQuest when the notification arrived: Alertmanager (${recovery.from}) cut ${envelope.truncatedAlerts ?? 0} alert(s) out of this group's notification and no longer lists this one as active, so its resolution was in the part that was cut`;
    const clearedContext = rawContext(envelope, { clearedBecause: reason });
    const at = new Date(this.deps.now()).toISOString();
    const clears: MappedAlert[] = recovery.resolvedInCut.map((fingerprint) => {
      const event: OpsEvent = { source: ALERTMANAGER_SOURCE, stream: 'alarm', externalKey: fingerprint, transition: 'cleared', occurredAt: at, attributes: { notes: reason } };
      return { event, raw: rawOfAlert(clearedContext, ''), fingerprint, fingerprintFromLabels: false };
    });
    const cleared = await this.ingestMapped(clears, 'cleared');
    return { fetched, cleared };
  }

  private async store(pending: readonly Pending[], severityMap: SeverityMap, origin: AlertOrigin): Promise<IngestedAlert[]> {
    const out: IngestedAlert[] = [];
    // mapped a chunk at a time too: mapping 10,000 alerts at once would be one long step
    for (let start = 0; start < pending.length; start += ALERTMANAGER_INGEST_CHUNK) {
      const mapped = pending.slice(start, start + ALERTMANAGER_INGEST_CHUNK).map((p) => mapAlert(p.alert, { severityMap, raw: p.raw }));
      for (const row of await this.ingestMapped(mapped, origin)) out.push(row);
    }
    return out;
  }

  /**
   * A storm's group is stored in chunks, one after the other: each await lets other requests and
   * live updates run. A chunk that fails fails the request (5xx), so Alertmanager retries and the
   * chunks already stored come again as duplicates.
   */
  private async ingestMapped(mapped: readonly MappedAlert[], origin: AlertOrigin): Promise<IngestedAlert[]> {
    const out: IngestedAlert[] = [];
    for (let start = 0; start < mapped.length; start += ALERTMANAGER_INGEST_CHUNK) {
      const chunk = mapped.slice(start, start + ALERTMANAGER_INGEST_CHUNK);
      const outcomes = await this.deps.ingest.ingestGrouped(chunk.map((m) => ({ event: m.event, via: VIA, raw: m.raw, futureTime: 'receiveTime' as const })));
      outcomes.forEach((outcome, i) => {
        const m = chunk[i];
        if (m) out.push({ mapped: m, outcome, origin });
      });
    }
    return out;
  }
}
