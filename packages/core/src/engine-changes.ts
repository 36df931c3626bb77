import type { EngineStore } from './engine';
import { EMPTY_SITE_HISTORY, type SiteHistory } from './gates/repeat-visit';
import type { ReversalContext, RevokedBadge } from './gates/reversal';
import type { LedgerEntry } from './ledger';
import { copyToExtend } from './compact';
import { emptyProgress, type PersonProgress } from './progress';
import type { WindowKeys } from './time-windows';

/**
 * What one event changes, gathered while it is processed: the ledger lines it writes, the badges it
 * takes back, copies of the progress of every person it touches and the site histories it moves.
 * Nothing in the store is changed: progress is copied on first touch, histories are replaced.
 */
export class EventChanges implements ReversalContext {
  readonly ledger: LedgerEntry[] = [];
  readonly revoked: RevokedBadge[] = [];
  /** progress copies, in the order the people were first touched (the order the output lists them); made on first use */
  private touched: Map<string, PersonProgress> | undefined;
  private sites: Map<string, SiteHistory> | undefined;
  /** badges objects this event made (its own to change) */
  private owned: Set<Record<string, number>> | undefined;

  constructor(
    private readonly store: EngineStore,
    readonly eventKey: string,
    readonly itemKey: string,
    readonly at: number,
    readonly windows: WindowKeys,
  ) {}

  /**
   * The person's progress as this event changes it: a copy of the stored one, made on first use. Its
   * counters are its own (most events move one); its streak and badges are the stored objects, shared
   * until changed: the engine replaces a streak rather than changing it, and changes badges only through
   * badgesToChange.
   */
  progressOf(personId: string): PersonProgress {
    this.touched ??= new Map();
    let p = this.touched.get(personId);
    if (!p) {
      const stored = this.store.getProgress(personId);
      if (stored) p = { ...stored, counters: copyToExtend(stored.counters) };
      else {
        p = emptyProgress(personId);
        this.ownBadges(p);
      }
      this.touched.set(personId, p);
    }
    return p;
  }

  /** The progress's badges, copied on the first change (see progressOf). */
  badgesToChange(progress: PersonProgress): Record<string, number> {
    if (!this.owned?.has(progress.badges)) {
      progress.badges = copyToExtend(progress.badges);
      this.ownBadges(progress);
    }
    return progress.badges;
  }

  private ownBadges(progress: PersonProgress): void {
    this.owned ??= new Set();
    this.owned.add(progress.badges);
  }

  siteOf(key: string): SiteHistory {
    return this.sites?.get(key) ?? this.store.getSiteHistory(key) ?? EMPTY_SITE_HISTORY;
  }

  setSite(key: string, history: SiteHistory): void {
    this.sites ??= new Map();
    this.sites.set(key, history);
  }

  progressChanges(): PersonProgress[] {
    return this.touched ? [...this.touched.values()] : [];
  }

  siteChanges(): { key: string; history: SiteHistory }[] {
    const changes: { key: string; history: SiteHistory }[] = [];
    if (this.sites) for (const [key, history] of this.sites) changes.push({ key, history });
    return changes;
  }
}
