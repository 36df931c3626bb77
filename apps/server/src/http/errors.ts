import type { ApiError } from '@opsquest/contracts';
import type { ZodError } from 'zod';
import { DomainError, type DomainErrorKind } from '../services/domain-errors';
import { fieldsSummary } from '../services/field-messages';
import { plainIssueMessage } from './validation-messages';

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

/** Each kind of domain error (what a use case says) as an HTTP status and error code. */
const DOMAIN_STATUS: Record<DomainErrorKind, { status: number; code: string }> = {
  invalid: { status: 400, code: 'bad_request' },
  unauthenticated: { status: 401, code: 'unauthorized' },
  forbidden: { status: 403, code: 'forbidden' },
  notFound: { status: 404, code: 'not_found' },
  conflict: { status: 409, code: 'conflict' },
};

/** The HTTP status of a domain error's kind. */
export const statusOfDomainError = (err: DomainError): number => DOMAIN_STATUS[err.kind].status;

/** An error the HTTP layer answers on purpose (an HttpError, or a use case's DomainError); anything else is a fault. */
export function asHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof DomainError) {
    const { status, code } = DOMAIN_STATUS[err.kind];
    return new HttpError(status, code, err.message, err.fields);
  }
  return undefined;
}

export const badRequest = (message: string, fields?: ApiError['fields']) => new HttpError(400, 'bad_request', message, fields);
export const unauthorized = (message = 'Log in first') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role may not do this') => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Not found') => new HttpError(404, 'not_found', message);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);

type Issue = ZodError['issues'][number];

/**
 * The offending fields of one issue, each with a message in plain words that names it. A union's
 * "Invalid input" is replaced by the issues of the one branch that fits the input's shape (an event
 * object vs an array of them), and unknown keys are named one by one, so the path always points at
 * the field to fix.
 */
function leafIssues(issue: Issue, base: PropertyKey[], where: string): { path: PropertyKey[]; message: string }[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], message: plainIssueMessage(issue, [...path, key], where) }));
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const fitting = issue.errors.filter((branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
    if (fitting.length === 1 && fitting[0]) return fitting[0].flatMap((i) => leafIssues(i, path, where));
  }
  return [{ path, message: plainIssueMessage(issue, path, where) }];
}

/** Zod issues as a 400 that names every offending field in plain words (and by its path). */
export function validationError(error: ZodError, where: 'body' | 'query' | 'params' | 'headers'): HttpError {
  const fields = error.issues
    .flatMap((issue) => leafIssues(issue, [], where))
    .map((f) => ({
      path: [where, ...f.path.map(String)].join('.'),
      message: f.message,
    }));
  return new HttpError(400, 'validation_failed', fieldsSummary(fields), fields);
}
