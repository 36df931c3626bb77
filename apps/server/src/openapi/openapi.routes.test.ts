import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/test-server';

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown>; anyOf?: unknown[] } } } }; parameters?: { name: string }[] }>>;
}

describe('OpenAPI document and docs page', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ people: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const res = await fetch(`${t.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const login = doc.paths['/api/auth/login']?.post?.requestBody?.content['application/json'].schema;
    expect(Object.keys(login?.properties ?? {})).toEqual(['username', 'password']);
    expect(doc.paths['/api/events']?.post?.requestBody?.content['application/json'].schema.anyOf).toHaveLength(2);
    expect(doc.paths['/api/leaderboard']?.get?.parameters?.map((p) => p.name)).toEqual(['scope', 'window', 'limit', 'around', 'league', 'metric']);
    expect(doc.paths['/api/work-items/{id}/actions']?.post?.parameters?.map((p) => p.name)).toEqual(['id']);
    // The integrations are documented from their own schemas too.
    expect(Object.keys(doc.paths['/api/integrations/alertmanager']?.post?.requestBody?.content['application/json'].schema.properties ?? {})).toContain('alerts');
    expect(doc.paths['/tmf-api/alarm/v4/alarm/{id}']?.patch).toBeDefined();
    expect(doc.paths['/tmf-api/alarm/v4/hub']?.post).toBeDefined();
    // Prometheus's scrape endpoint, behind a key with metrics:read
    expect(doc.paths['/metrics']?.get).toMatchObject({ security: [{ apiKey: [] }], description: 'API key scope: metrics:read.' });
  });

  it('renders a browsable page without scripts, under the CSP', async () => {
    const res = await fetch(`${t.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await res.text();
    expect(html).toContain('/api/work-items/{id}/actions');
    expect(html).not.toContain('<script');
    expect((await fetch(`${t.url}/api/docs.css`)).headers.get('content-type')).toContain('text/css');
  });
});
