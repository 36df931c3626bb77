import type { Operation } from '../openapi/openapi.operation';

/** GET /metrics in the OpenAPI document. */
export const METRICS_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/metrics',
    summary: "Prometheus metrics of this node: ingest (events per via and outcome, batch and request latency, group-commit batch sizes, queue depth), outbox backlog, connected sockets, SQLite WAL size, Node process metrics",
    tag: 'System',
    auth: 'apiKey',
    scope: 'metrics:read',
    responseDescription: 'The Prometheus text exposition format (Content-Type: text/plain; version=0.0.4; charset=utf-8). Send the key as Authorization: Bearer <key> (Prometheus: authorization.credentials or bearer_token). 401 without a key, 403 for a key without metrics:read',
  },
];
