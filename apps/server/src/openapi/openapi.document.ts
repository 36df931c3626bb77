import { z } from 'zod';
import { operations, type Operation } from './openapi.registry';

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function queryParameters(op: Operation): unknown[] {
  if (!op.query) return [];
  const schema = schemaOf(op.query, 'input');
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: required.has(name), schema: s }));
}

function pathParameters(path: string): unknown[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
}

/** The OpenAPI 3.1 document, generated from the zod schemas the routes validate with. */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations()) {
    const entry: Record<string, unknown> = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.roles || op.scope ? { description: [op.roles ? `Roles: ${op.roles}.` : '', op.scope ? `API key scope: ${op.scope}.` : ''].join(' ').trim() } : {}),
      security: op.auth === 'none' ? [] : op.auth === 'session' ? [{ session: [] }] : op.auth === 'apiKey' ? [{ apiKey: [] }] : [{ session: [] }, { apiKey: [] }],
      parameters: [...pathParameters(op.path), ...queryParameters(op)],
      responses: {
        [String(op.status ?? 200)]: {
          description: op.responseDescription,
          ...(op.response ? { content: { 'application/json': { schema: schemaOf(op.response, 'output') } } } : {}),
        },
        '400': { description: 'Invalid request: { error, message, fields: [{ path, message }] }' },
        ...(op.auth !== 'none' ? { '401': { description: 'Not authenticated' }, '403': { description: 'Not allowed' } } : {}),
      },
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } } } : {}),
    };
    paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: entry };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OpsQuest API',
      version,
      description: 'Gamified OSS/BSS operations: events in, points out. People use a session cookie from POST /api/auth/login; integrations send Authorization: Bearer <api key>.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'opsquest_session' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An integration key created by an admin (or OPSQUEST_API_KEY)' },
      },
    },
    paths,
  };
}
