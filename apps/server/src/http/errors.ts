import type { ApiError } from '@opsquest/contracts';
import type { ZodError } from 'zod';

/** An error with an HTTP status and a body clients can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: ApiError['fields'],
  ) {
    super(message);
  }

  toBody(): ApiError {
    return { error: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
  }
}

export const badRequest = (message: string, fields?: ApiError['fields']) => new HttpError(400, 'bad_request', message, fields);
export const unauthorized = (message = 'Log in first') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role may not do this') => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Not found') => new HttpError(404, 'not_found', message);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);

/** Zod issues as a 400 that names every offending field. */
export function validationError(error: ZodError, where: 'body' | 'query' | 'params'): HttpError {
  const fields = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const summary = fields
    .slice(0, 5)
    .map((f) => `${f.path}: ${f.message}`)
    .join('; ');
  return new HttpError(400, 'validation_failed', `Invalid request: ${summary}`, fields);
}
