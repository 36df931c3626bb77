import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useBulkAction } from '../api/alarms.queries';
import { OPEN_ALARMS, useWorkItemAction, useWorkItems } from '../api/work-items.queries';
import { useBoardKeys } from '../hooks/use-board-keys';
import { useSignedInUser } from '../stores/session.store';
import { AlarmBulkBar } from './alarm-bulk-bar';
import { bulkReport, type BulkReport } from './alarm-bulk-report';
import { filterAlarms, filterOptions, NO_FILTER, type AlarmFilter } from './alarm-filter';
import { AlarmFilters } from './alarm-filters';
import { AlarmRow } from './alarm-row';
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
}

/** The NOC alarm board: live open alarms, filters and search, bulk acknowledge and keyboard shortcuts. */
export function AlarmQueue() {
  const { username } = useSignedInUser();
  const navigate = useNavigate();
  const alarms = useWorkItems(OPEN_ALARMS);
  const keyAction = useWorkItemAction();
  const bulk = useBulkAction();
  const [filter, setFilter] = useState<AlarmFilter>(NO_FILTER);
  const [checked, setChecked] = useState<ReadonlySet<number>>(() => new Set());
  const [cursor, setCursor] = useState<Cursor | undefined>(undefined);
  const [helpOpen, setHelpOpen] = useState(false);
  const [report, setReport] = useState<BulkReport | undefined>(undefined);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const rowRefs = useRef(new Map<number, HTMLLIElement>());
  const focusWanted = useRef(false);

  const all = useMemo(() => alarms.data ?? [], [alarms.data]);
  const rows = useMemo(() => filterAlarms(all, filter, username), [all, filter, username]);
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
  const selected = rows.filter((a) => checked.has(a.id));
  const unacknowledged = all.filter((a) => a.ackState !== 'acknowledged').length;

  // Keyboard moves (and a cleared alarm leaving the list) put focus on the current row.
  useEffect(() => {
    if (!focusWanted.current || current === undefined) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body && !listRef.current?.contains(active)) return;
    focusWanted.current = false;
    const row = rowRefs.current.get(current.id);
    row?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const moveTo = (index: number): void => {
    const target = rows[Math.max(0, Math.min(index, rows.length - 1))];
    if (!target) return;
    focusWanted.current = true;
    setCursor({ id: target.id, index: rows.indexOf(target) });
    const row = rowRefs.current.get(target.id);
    row?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  };

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
    bulk.mutate(
      { ids: batch.map((a) => a.id), action: 'acknowledge' },
      {
        onSuccess: (result) => {
          setReport(bulkReport(result, (id) => titles.get(id)));
          const done = new Set(result.results.filter((r) => r.status >= 200 && r.status < 300).map((r) => r.id));
          setChecked((prev) => new Set([...prev].filter((id) => !done.has(id))));
        },
      },
    );
  };

  useBoardKeys({
    next: () => moveTo(currentIndex < 0 ? 0 : currentIndex + 1),
    previous: () => moveTo(currentIndex < 0 ? 0 : currentIndex - 1),
    acknowledge: () => {
      if (current && current.ackState !== 'acknowledged') keyAction.act(current.id, { action: 'acknowledge' });
    },
    clear: () => {
      if (!current) return;
      focusWanted.current = true;
      keyAction.act(current.id, { action: 'clear' });
    },
    toggle: () => {
      if (current) toggle(current.id, !checked.has(current.id));
    },
    open: () => {
      if (current) void navigate(`/alarms/${current.id}`);
    },
    search: () => searchRef.current?.focus(),
    help: () => setHelpOpen(true),
  });

  const meta = alarms.data ? `${all.length} open · ${unacknowledged} unacknowledged${rows.length !== all.length ? ` · ${rows.length} shown` : ''}` : undefined;

  return (
    <Panel title="Open alarms" testId="alarm-queue" meta={meta} className="alarm-board">
      <AlarmFilters filter={filter} onChange={setFilter} regions={regions} sites={sites} searchRef={searchRef} />
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
        <span aria-hidden="true"> · j/k move · a acknowledge · c clear · x tick · Enter open</span>
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
              checked={checked.has(alarm.id)}
              onCheckedChange={toggle}
              onFocusRow={(id) => setCursor({ id, index })}
              rowRef={(row) => {
                if (row) rowRefs.current.set(alarm.id, row);
                else rowRefs.current.delete(alarm.id);
              }}
            />
          ))}
        </ul>
      )}
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </Panel>
  );
}
