import { useMemo } from 'react';
import { MY_OPEN_VISITS, useWorkItems } from '../api/work-items.queries';
import { useOutboxSync } from '../hooks/use-outbox-sync';
import type { OutboxEntry } from '../lib/outbox';
import { entriesFor, useOutboxStore } from '../stores/outbox.store';
import { useSignedInUser } from '../stores/session.store';
import { FieldHeader } from './field-header';
import { Panel } from './panel';
import { EmptyState, ErrorState, LoadingState } from './query-states';
import { SyncStatus } from './sync-status';
import { TruckRollCard } from './truck-roll-card';
import '../styles/field.css';

const NO_ENTRIES: OutboxEntry[] = [];

function appointmentTime(start: string | undefined): number {
  return start === undefined ? Number.POSITIVE_INFINITY : Date.parse(start);
}

/** A technician's own field visits, by appointment, with the actions still waiting on this phone. */
export function TruckRollList() {
  useOutboxSync();
  const { username } = useSignedInUser();
  const visits = useWorkItems(MY_OPEN_VISITS);
  const allEntries = useOutboxStore((state) => state.entries);
  const pendingByItem = useMemo(() => {
    const byItem = new Map<number, OutboxEntry[]>();
    for (const entry of entriesFor({ entries: allEntries }, username)) byItem.set(entry.itemId, [...(byItem.get(entry.itemId) ?? []), entry]);
    return byItem;
  }, [allEntries, username]);
  const ordered = useMemo(
    () => (visits.data ? [...visits.data].sort((a, b) => appointmentTime(a.appointmentStart) - appointmentTime(b.appointmentStart) || a.id - b.id) : []),
    [visits.data],
  );

  return (
    <div className="field-view">
      <FieldHeader />
      <SyncStatus username={username} />
      <Panel title="My truck-rolls" testId="truckroll-list" meta={visits.data ? `${visits.data.length} open` : undefined}>
        {visits.isPending ? (
          <LoadingState label="Loading your visits…" />
        ) : visits.isError ? (
          <ErrorState title="Could not load your truck-rolls" error={visits.error} onRetry={() => void visits.refetch()} />
        ) : ordered.length === 0 ? (
          <EmptyState title="No visits assigned to you">New truck-rolls assigned to you appear here live.</EmptyState>
        ) : (
          <ul className="queue">
            {ordered.map((visit) => (
              <TruckRollCard key={visit.id} visit={visit} pending={pendingByItem.get(visit.id) ?? NO_ENTRIES} username={username} />
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
