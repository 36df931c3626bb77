import express from 'express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWebStaticHeaders } from './web-static-headers';

describe('cache headers of the built SPA', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opsquest-web-'));
    for (const file of ['sw.js', 'workbox-1a2b3c.js', 'manifest.webmanifest', 'index.html', 'registerSW.js']) writeFileSync(join(dir, file), 'x');
    const app = express();
    app.use(express.static(dir, { index: false, maxAge: '1h', setHeaders: setWebStaticHeaders }));
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for the service worker, its registration, the manifest and the page again on every visit', async () => {
    for (const file of ['sw.js', 'registerSW.js', 'manifest.webmanifest', 'index.html']) {
      const res = await fetch(`${base}/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control'), file).toBe('no-cache');
    }
  });

  it('lets the worker control the whole site and serves the manifest as a web app manifest', async () => {
    expect((await fetch(`${base}/sw.js`)).headers.get('service-worker-allowed')).toBe('/');
    expect((await fetch(`${base}/manifest.webmanifest`)).headers.get('content-type')).toMatch(/^application\/manifest\+json/);
  });

  it('keeps the long cache for hashed files', async () => {
    expect((await fetch(`${base}/workbox-1a2b3c.js`)).headers.get('cache-control')).toBe('public, max-age=3600');
  });
});
