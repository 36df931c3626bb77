import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useNavigate } from 'react-router';
import { useBulkAction } from '../api/alarms.queries';
import { OPEN_ALARMS, useWorkItemAction, useWorkItems } from '../api/work-items.queries';
import { useBoardKeys } from '../hooks/use-board-keys';
import { sendOnPageExit } from '../api/http';
import { pendingActionsStore } from '../stores/pending-actions.store';
import { useSignedInUser } from '../stores/session.store';
import { AlarmBulkBar } from './alarm-bulk-bar';
import { bulkReport, type BulkReport } from './alarm-bulk-report';
import { filterAlarms, filterOptions, NO_FILTER, type AlarmFilter } from './alarm-filter';
import { AlarmFilters } from './alarm-filters';
import { AlarmRow } from './alarm-row';
import { foldIncidents } from '../lib/fold-incidents';
import { KeyboardHelp } from './keyboard-help';
import { Panel } from './panel';
import { EmptyState, ErrorState, LoadingState } from './query-states';
import '../styles/alarm-board.css';

/** Rows rendered in the very first paint of the board: more than a laptop screen shows. */
const FIRST_PAINT_ROWS = 12;

const BULK_MAX = 100;

interface Cursor {
  id: number;
  /** where it was, so the cursor lands on the neighbour when its alarm leaves the list */
  index: number;
  /**
   * The person chose this row (j/k, click, Tab) and it has not moved since: only then do the
   * acting keys (a, c, x) act. After an action, or when the list changes under it, it is not chosen.
   */
  chosen: boolean;
}

/** Said (politely) when an acting key is pressed on a row the person has not chosen. */
export const NOT_CHOSEN_NOTICE = 'The list changed: move to an alarm with j/k first.';

/** The NOC alarm board: live open alarms, filters and search, bulk acknowledge and keyboard shortcuts. */
export function AlarmQueue() {
  const { username } = useSignedInUser();
  const navigate = useNavigate();
  const alarms = useWorkItems(OPEN_ALARMS);
  const keyAction = useWorkItemAction();
  const [notice, setNotice] = useState('');
  /** focus put on a row by the board itself (not the person): it does not choose the row */
  const programmaticFocus = useRef(false);
  const bulk = useBulkAction();
  const [filter, setFilter] = useState<AlarmFilter>(NO_FILTER);
  /** the filters' fold on a phone (wider screens always show them) */
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [checked, setChecked] = useState<ReadonlySet<number>>(() => new Set());
  const [cursor, setCursor] = useState<Cursor | undefined>(undefined);
  const [helpOpen, setHelpOpen] = useState(false);
  const [report, setReport] = useState<BulkReport | undefined>(undefined);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const rowRefs = useRef(new Map<number, HTMLLIElement>());
  const focusWanted = useRef(false);

  const all = useMemo(() => alarms.data ?? [], [alarms.data]);
  // an incident's children fold under its root: a storm is one row until someone opens it
  const [openIncidents, setOpenIncidents] = useState<ReadonlySet<string>>(() => new Set());
  const folded = useMemo(() => foldIncidents(filterAlarms(all, filter, username), openIncidents), [all, filter, username, openIncidents]);
  const rows = folded.rows;
  const toggleIncident = (id: string): void =>
    setOpenIncidents((now) => {
      const next = new Set(now);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  // The first paint shows the most urgent rows; the rest of a storm-sized board follows a moment later.
  const [allShown, setAllShown] = useState(false);
  useEffect(() => {
    if (allShown || rows.length <= FIRST_PAINT_ROWS) return;
    const timer = setTimeout(() => setAllShown(true), 0);
    return () => clearTimeout(timer);
  }, [allShown, rows.length]);
  const shownRows = allShown ? rows : rows.slice(0, FIRST_PAINT_ROWS);
  const { regions, sites } = useMemo(() => filterOptions(all, filter.region), [all, filter.region]);
  const found = cursor === undefined ? -1 : rows.findIndex((a) => a.id === cursor.id);
  const currentIndex = cursor === undefined || rows.length === 0 ? -1 : found >= 0 ? found : Math.min(cursor.index, rows.length - 1);
  const current = currentIndex >= 0 ? rows[currentIndex] : undefined;
  // Chosen only while the chosen alarm is still where the person saw it.
  const chosen = cursor !== undefined && cursor.chosen && found === cursor.index;
  const selected = rows.filter((a) => checked.has(a.id));
  const unacknowledged = all.filter((a) => a.ackState !== 'acknowledged').length;

  // Keyboard moves, and an alarm leaving the list (or moving), put focus on the current row.
  const currentId = current?.id;
  useEffect(() => {
    if (currentId === undefined) return;
    const active = document.activeElement;
    const row = rowRefs.current.get(currentId);
    // Focus already in the row (a click or Tab there): leave it, and do not scroll under the pointer.
    if (!row || (active !== null && row.contains(active))) return;
    const inList = active !== null && listRef.current?.contains(active) === true;
    if (!focusWanted.current && !inList && active !== null && active !== document.body) return;
    focusWanted.current = false;
    programmaticFocus.current = true;
    row.focus();
    programmaticFocus.current = false;
    row.scrollIntoView({ block: 'nearest' });
  }, [currentId]);

  const moveTo = (index: number): void => {
    const target = rows[Math.max(0, Math.min(index, rows.length - 1))];
    if (!target) return;
    focusWanted.current = true;
    setNotice('');
    setCursor({ id: target.id, index: rows.indexOf(target), chosen: true });
    const row = rowRefs.current.get(target.id);
    programmaticFocus.current = true;
    row?.focus();
    programmaticFocus.current = false;
    row?.scrollIntoView({ block: 'nearest' });
  };

  /** The alarm an acting key may act on: the chosen one, or nothing (with a notice). */
  const chosenAlarm = () => {
    if (current === undefined) return undefined;
    if (!chosen) {
      setNotice(NOT_CHOSEN_NOTICE);
      return undefined;
    }
    return current;
  };

  /** After an action the row is no longer chosen: the next key press needs a fresh choice. */
  const unchoose = (): void => setCursor((prev) => (prev ? { ...prev, chosen: false } : prev));

  const toggle = (id: number, on: boolean): void =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const acknowledgeSelected = (): void => {
    if (selected.length === 0 || bulk.isPending) return;
    const batch = selected.slice(0, BULK_MAX);
    const titles = new Map(batch.map((a) => [a.id, a.title]));
    setReport(undefined);
    const body = { ids: batch.map((a) => a.id), action: 'acknowledge' as const };
    pendingActionsStore.getState().schedule({
      action: 'acknowledge',
      itemIds: body.ids,
      label: batch.length === 1 ? (batch[0]?.title ?? '1 alarm') : `${batch.length} alarms`,
      send: () =>
        bulk.mutate(body, {
          onSuccess: (result) => {
            setReport(bulkReport(result, (id) => titles.get(id)));
            const done = new Set(result.results.filter((r) => r.status >= 200 && r.status < 300).map((r) => r.id));
            setChecked((prev) => new Set([...prev].filter((id) => !done.has(id))));
          },
        }),
      sendOnExit: () => sendOnPageExit('/api/work-items/bulk-actions', body),
    });
  };

  useBoardKeys({
    next: () => moveTo(currentIndex < 0 ? 0 : currentIndex + 1),
    previous: () => moveTo(currentIndex < 0 ? 0 : currentIndex - 1),
    acknowledge: () => {
      const alarm = chosenAlarm();
      if (!alarm || alarm.ackState === 'acknowledged') return;
      keyAction.actLater(alarm, 'acknowledge');
      unchoose();
    },
    clear: () => {
      const alarm = chosenAlarm();
      if (!alarm) return;
      focusWanted.current = true;
      keyAction.actLater(alarm, 'clear');
      unchoose();
    },
    toggle: () => {
      const alarm = chosenAlarm();
      if (alarm) toggle(alarm.id, !checked.has(alarm.id));
    },
    open: () => {
      if (current) void navigate(`/alarms/${current.id}`);
    },
    search: () => {
      // On a phone the search is folded away with the other filters: unfold first, then focus it.
      flushSync(() => setFiltersOpen(true));
      searchRef.current?.focus();
    },
    help: () => setHelpOpen(true),
  });

  const meta = alarms.data ? `${all.length} open · ${unacknowledged} unacknowledged${rows.length !== all.length ? ` · ${rows.length} shown` : ''}` : undefined;

  return (
    <Panel title="Open alarms" testId="alarm-queue" meta={meta} className="alarm-board">
      <AlarmFilters
        filter={filter}
        onChange={setFilter}
        regions={regions}
        sites={sites}
        searchRef={searchRef}
        open={filtersOpen}
        onOpenChange={setFiltersOpen}
      />
      <AlarmBulkBar
        visibleCount={rows.length}
        selectedCount={selected.length}
        onSelectAll={(on) => setChecked(on ? new Set(rows.map((a) => a.id)) : new Set())}
        onClearSelection={() => setChecked(new Set())}
        onAcknowledge={acknowledgeSelected}
        pending={bulk.isPending}
        report={report}
        onDismissReport={() => setReport(undefined)}
      />
      <p className="alarm-board__hint">
        <button type="button" className="alarm-board__help-button" onClick={() => setHelpOpen(true)} data-testid="keyboard-help-open">
          Keyboard shortcuts <kbd>?</kbd>
        </button>
        <span aria-hidden="true"> · j/k move · a acknowledge · c clear · z undo · x tick · Enter open</span>
      </p>
      <p className="alarm-board__notice" role="status" aria-live="polite" data-testid="alarm-board-notice">
        {notice}
      </p>
      {alarms.isPending ? (
        <LoadingState label="Loading alarms…" />
      ) : alarms.isError ? (
        <ErrorState title="Could not load the alarm queue" error={alarms.error} onRetry={() => void alarms.refetch()} />
      ) : all.length === 0 ? (
        <EmptyState title="No open alarms">The network is quiet. New alarms appear here live.</EmptyState>
      ) : rows.length === 0 ? (
        <div className="alarm-board__none" data-testid="alarm-no-match">
          <EmptyState title="No alarms match these filters">{all.length} open alarms are hidden by the filters or the search.</EmptyState>
          <button type="button" className="button button--secondary button--small" onClick={() => setFilter(NO_FILTER)}>
            Reset filters
          </button>
        </div>
      ) : (
        <ul className="queue" ref={listRef} aria-label="Alarms, most severe and most at risk first">
          {shownRows.map((alarm, index) => (
            <AlarmRow
              key={alarm.id}
              alarm={alarm}
              current={index === currentIndex}
              unchosen={index === currentIndex && !chosen}
              checked={checked.has(alarm.id)}
              onCheckedChange={toggle}
              onFocusRow={(id) => {
                if (programmaticFocus.current) return;
                setNotice('');
                setCursor({ id, index, chosen: true });
              }}
              rowRef={(row) => {
                if (row) rowRefs.current.set(alarm.id, row);
                else rowRefs.current.delete(alarm.id);
              }}
              {...(alarm.incidentRoot === true && alarm.incidentId !== undefined
                ? { incident: { children: folded.children.get(alarm.incidentId) ?? 0, open: openIncidents.has(alarm.incidentId), onToggle: () => toggleIncident(alarm.incidentId ?? '') } }
                : {})}
            />
          ))}
        </ul>
      )}
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </Panel>
  );
}
