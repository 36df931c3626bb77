/**
 * What a use case says when it cannot do what was asked, in the domain's words. Services throw these
 * and know nothing of HTTP; the HTTP layer (http/errors.ts) turns each kind into its status.
 */
export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'notFound' | 'conflict';

/** A field of the request that is wrong, named by its path (`body.occurredAt`). */
export interface FieldProblem {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The request asks for something that is not valid (fields names what to fix). */
export const invalid = (message: string, fields?: FieldProblem[]): DomainError => new DomainError('invalid', message, fields);
/** Nobody is signed in. */
export const unauthenticated = (message = 'Log in first'): DomainError => new DomainError('unauthenticated', message);
/** This person or key may not do this. */
export const forbidden = (message = 'Your role may not do this'): DomainError => new DomainError('forbidden', message);
/** No such thing (or none this person may see). */
export const notFound = (message = 'Not found'): DomainError => new DomainError('notFound', message);
/** Not possible in the current state (already done, changed meanwhile). */
export const conflict = (message: string): DomainError => new DomainError('conflict', message);
