/** autocannon 9 (no types of its own) behind a small typed interface. */
import { createRequire } from 'node:module';

export interface AcRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (request: AcRequest, context: Record<string, unknown>) => AcRequest | null | undefined;
  onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
}

export interface AcOptions {
  url: string;
  connections: number;
  pipelining?: number;
  /** seconds; ignored when amount is set */
  duration?: number;
  /** total requests, spread over the connections */
  amount?: number;
  /** requests per second across all connections (0 or unset: as fast as answers come) */
  overallRate?: number;
  /** seconds before a request counts as timed out */
  timeout?: number;
  method?: string;
  headers?: Record<string, string>;
  requests?: AcRequest[];
}

export interface AcHistogram {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  total: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
}

export interface AcResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
  latency: AcHistogram;
  requests: AcHistogram & { sent: number };
}

export interface AcInstance extends PromiseLike<AcResult> {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): AcInstance;
}

export type Autocannon = (options: AcOptions) => AcInstance;

export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
