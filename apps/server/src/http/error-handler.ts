import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';
import { HttpError } from './errors';

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

/** Every error becomes JSON with a status; only real faults are 500 and logged as errors. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return;
    if (err instanceof HttpError) {
      res.status(err.status).json(err.toBody());
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
    const status = bp?.status ?? bp?.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
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
