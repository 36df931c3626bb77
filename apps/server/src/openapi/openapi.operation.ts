import type { z } from 'zod';

/** `sessionOrApiKey`: a person's session cookie, or an integration's key with the operation's scope. */
export type Auth = 'none' | 'session' | 'apiKey' | 'sessionOrApiKey';

/**
 * One documented operation; request schemas are the same zod schemas the routes validate with. A file
 * of its own so that the registry and the integrations' operations both depend on it, not on each other.
 */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  roles?: string;
  scope?: string;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  responseDescription: string;
  status?: number;
}
