import type { Request } from 'express';
import type { z } from 'zod';
import { badRequest, validationError } from './errors';

export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  if (req.body === undefined) throw badRequest('A JSON body is required (Content-Type: application/json)');
  const result = schema.safeParse(req.body);
  if (!result.success) throw validationError(result.error, 'body');
  return result.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse(req.query);
  if (!result.success) throw validationError(result.error, 'query');
  return result.data;
}

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse(req.params);
  if (!result.success) throw validationError(result.error, 'params');
  return result.data;
}
