import type { AlarmGapView, IntegrationNoticeView } from '@opsquest/contracts';
import type { Repositories } from '../ports/repositories';
import type { NoticeRow, RefusedInput, TruncatedInput } from '../ports/integration-notices-store';

export type { RefusedInput, TruncatedInput } from '../ports/integration-notices-store';

/** The most notices GET /api/admin/integration-notices answers. */
export const NOTICE_LIST_LIMIT = 200;

/** What changed in one turn of the event loop: every notice recorded or resolved, and whether the open gaps moved. */
export interface NoticesChange {
  notices: IntegrationNoticeView[];
  /** a truncated notice opened, grew or closed: the alarm board's gaps are to be sent again */
  gapsChanged: boolean;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function noticeView(n: NoticeRow): IntegrationNoticeView {
  return {
    id: n.id,
    kind: n.kind,
    source: n.source,
    keyId: n.keyId,
    keyName: n.keyName,
    groupKey: n.groupKey,
    groupLabels: n.groupLabels,
    missing: n.missing,
    status: n.status,
    reason: n.reason,
    firstAt: iso(n.firstAt),
    lastAt: iso(n.lastAt),
    occurrences: n.occurrences,
    resolvedAt: n.resolvedAt === null ? null : iso(n.resolvedAt),
  };
}

export function gapView(n: NoticeRow): AlarmGapView {
  return { id: n.id, groupKey: n.groupKey, groupLabels: n.groupLabels, missing: n.missing, reason: n.reason, lastAt: iso(n.lastAt) };
}

/** Hears what changed; a listener that reads the store returns a promise (the next one waits for it). */
export type NoticesListener = ((change: NoticesChange) => void) | ((change: NoticesChange) => Promise<void>);

/**
 * What integrations sent that did not become alarms: Alertmanager groups whose truncated alerts
 * could not be fetched (open until the group comes complete) and refused integration requests.
 * Each method writes one row on its own (call it outside a transaction); listeners (the socket
 * fan-out, app.ts) hear once per turn of the event loop, after the writes, with everything that
 * changed in it, so an alarm storm over many groups is one `alarms:gaps` message, not one per group.
 * A listener that fails while the store is open is handed to `onError` (by default it is rethrown,
 * an unhandled rejection, as a throw in the timer was before).
 */
export class IntegrationNoticesService {
  private readonly listeners: NoticesListener[] = [];
  private pending = new Map<number, IntegrationNoticeView>();
  private gapsChanged = false;
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
    private readonly onError: (error: unknown) => void = (error) => {
      throw error;
    },
  ) {}

  /** A notification of this key and group left alerts out and they could not be fetched: opens the group's gap, or counts it again. */
  async truncated(input: TruncatedInput): Promise<IntegrationNoticeView> {
    return this.changed(await this.repos.integrationNotices.recordTruncated(input, this.now()));
  }

  /** A notification of this key and group came complete (or its missing alerts were fetched): closes the open gap, if any. */
  async complete(keyId: string | null, groupKey: string | null): Promise<IntegrationNoticeView | undefined> {
    const row = await this.repos.integrationNotices.resolveTruncated(keyId, groupKey, this.now());
    return row ? this.changed(row) : undefined;
  }

  /** A request or alert of an integration was refused (400 / 413 / 415): opens a notice for it, or counts the same one again. */
  async refused(input: RefusedInput): Promise<IntegrationNoticeView> {
    return this.changed(await this.repos.integrationNotices.recordRefused(input, this.now()));
  }

  /** For the admins: open notices first, then the newest. */
  async list(limit = NOTICE_LIST_LIMIT): Promise<IntegrationNoticeView[]> {
    return (await this.repos.integrationNotices.list(limit)).map(noticeView);
  }

  /** For the alarm board: every open truncation gap, newest first. */
  async gaps(): Promise<AlarmGapView[]> {
    return (await this.repos.integrationNotices.openGaps()).map(gapView);
  }

  /** Hears every change once per turn of the event loop (the socket fan-out). */
  onChanged(listener: NoticesListener): void {
    this.listeners.push(listener);
  }

  /** Sends what is pending now (tests, shutdown). */
  async flush(): Promise<void> {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const change: NoticesChange = { notices: [...this.pending.values()], gapsChanged: this.gapsChanged };
    this.pending = new Map();
    this.gapsChanged = false;
    // a shutdown may close the database between the write and this turn: nothing more to tell then
    if (change.notices.length === 0 || !this.repos.uow.isOpen()) return;
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        // ...or while a listener reads it
        if (this.repos.uow.isOpen()) throw error;
        return;
      }
    }
  }

  private changed(row: NoticeRow): IntegrationNoticeView {
    const view = noticeView(row);
    if (this.listeners.length === 0) return view;
    this.pending.set(view.id, view);
    if (row.kind === 'truncated') this.gapsChanged = true;
    this.scheduled ??= setImmediate(() => {
      this.flush().catch(this.onError);
    });
    return view;
  }
}
