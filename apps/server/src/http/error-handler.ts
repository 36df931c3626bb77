import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';
import { asHttpError } from './errors';
import { StoreUnavailableError } from '../services/ports/unit-of-work';

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

function asBodyParserError(err: unknown): BodyParserError | undefined {
  return typeof err === 'object' && err !== null && 'type' in err ? (err as BodyParserError) : undefined;
}

/** A 4xx status some library put on its error (the router's URIError for a bad percent-escape, say). */
function clientStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  return value !== undefined && value >= 400 && value < 500 ? value : undefined;
}

/** Every error becomes JSON with a status; only real faults are 500 and logged as errors. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return;
    const answered = asHttpError(err);
    if (answered) {
      res.status(answered.status).json(answered.toBody());
      return;
    }
    if (err instanceof StoreUnavailableError) {
      log.warn({ method: req.method, url: req.originalUrl }, 'the store is unreachable: answered 503');
      res.setHeader('Retry-After', '5');
      res.status(503).json({ error: 'store_unavailable', message: 'The database cannot be reached right now; send the request again shortly' });
      return;
    }
    const bp = asBodyParserError(err);
    if (bp?.type === 'entity.too.large') {
      res.status(413).json({ error: 'payload_too_large', message: 'The request body is too large' });
      return;
    }
    if (bp?.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'malformed_json', message: 'The body is not valid JSON' });
      return;
    }
    if (err instanceof URIError) {
      res.status(400).json({ error: 'bad_request', message: 'A path parameter is not valid percent-encoding', fields: [{ path: 'params', message: 'not valid percent-encoding' }] });
      return;
    }
    const status = clientStatusOf(err);
    if (status !== undefined) {
      res.status(status).json({ error: 'bad_request', message: bp?.expose && bp.message ? bp.message : 'Bad request' });
      return;
    }
    log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    res.status(500).json({ error: 'internal', message: 'Something went wrong on our side' });
  };
}

/** JSON and its structured-suffix types (application/merge-patch+json for TMF PATCH, ...). */
export const JSON_TYPES = ['application/json', 'application/*+json'];

/** Mutating API calls with a body must be JSON: anything else is 415 (and so no form-based CSRF). */
export function requireJsonBody(req: Request, res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is(JSON_TYPES)) {
    res.status(415).json({ error: 'unsupported_media_type', message: 'Send JSON with Content-Type: application/json' });
    return;
  }
  next();
}

/** How deep a JSON body may nest: no integration format needs more, and deeper input would overflow a recursive JSON.stringify. */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of a parsed JSON value, walked without recursion; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** After express.json(): a body nested deeper than MAX_JSON_DEPTH is a 400 naming the body. */
export function limitJsonDepth(req: Request, res: Response, next: NextFunction): void {
  if (jsonDepth(req.body) > MAX_JSON_DEPTH) {
    res.status(400).json({ error: 'bad_request', message: `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`, fields: [{ path: 'body', message: `nested deeper than ${MAX_JSON_DEPTH} levels` }] });
    return;
  }
  next();
}
