import { Gauge, type Registry } from 'prom-client';

/** Where the gauges read their values, each time Prometheus scrapes. */
export interface StateSources {
  /** events waiting in the group-commit queue */
  queuedEvents(): number;
  /** outbox deliveries not delivered yet (the deliveries store; every node's) */
  pendingDeliveries(): Promise<number>;
  /** socket.io clients connected to this node */
  connectedSockets(): number;
  /** the SQLite WAL file's size in bytes; absent on PostgreSQL */
  walBytes?: () => number;
}

/**
 * Gauges of the node's state, read at scrape time: nothing on the hot path keeps them. The outbox
 * backlog is a count in the database; when the database cannot answer it is NaN (unknown), and the
 * scrape still succeeds.
 */
export function registerStateGauges(registry: Registry, sources: StateSources): void {
  new Gauge({
    name: 'opsquest_ingest_queue_events',
    help: 'Events waiting in the group-commit queue for the next ingest batch.',
    registers: [registry],
    collect() {
      this.set(sources.queuedEvents());
    },
  });
  new Gauge({
    name: 'opsquest_outbox_deliveries_pending',
    help: 'Outbox deliveries (award webhooks, TMF642 hub notifications) not delivered yet: due, waiting to retry or being sent; the whole database, so every node reports the same. NaN when the database does not answer.',
    registers: [registry],
    async collect() {
      this.set(await sources.pendingDeliveries().catch(() => Number.NaN));
    },
  });
  new Gauge({
    name: 'opsquest_socketio_connected_sockets',
    help: 'socket.io clients (browsers) connected to this node.',
    registers: [registry],
    collect() {
      this.set(sources.connectedSockets());
    },
  });
  const walBytes = sources.walBytes;
  new Gauge({
    name: 'opsquest_sqlite_wal_bytes',
    help: 'Size of the SQLite write-ahead log (the -wal file) in bytes; always 0 on PostgreSQL, which has no such file.',
    registers: [registry],
    collect() {
      this.set(walBytes ? walBytes() : 0);
    },
  });
}
