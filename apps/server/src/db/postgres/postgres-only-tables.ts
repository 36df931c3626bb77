/**
 * Tables only the PostgreSQL schema has: cluster plumbing a single SQLite node has no use for
 * (socket.io's adapter table, migration 015). The schema parity test and the copy from SQLite leave
 * them out.
 */
export const POSTGRES_ONLY_TABLES: readonly string[] = ['socket_io_attachments'];
