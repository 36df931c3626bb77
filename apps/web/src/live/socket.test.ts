import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type ServerOptions } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_SOCKET_OPTIONS } from './socket';

let http: HttpServer | undefined;
let server: Server | undefined;
let client: Socket | undefined;

async function listen(options: Partial<ServerOptions>): Promise<string> {
  http = createServer();
  server = new Server(http, options);
  await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

/** Connects with the console's options and says which transport it ended on. */
async function connectedTransport(url: string): Promise<string> {
  const socket = io(url, { ...LIVE_SOCKET_OPTIONS, reconnection: false, timeout: 5_000 });
  client = socket;
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket.io.engine.transport.name;
}

afterEach(async () => {
  client?.disconnect();
  await server?.close();
  client = undefined;
  server = undefined;
  http = undefined;
});

describe('the console live socket', () => {
  it('opens a WebSocket at once, without a long-polling handshake', async () => {
    const url = await listen({});
    expect(await connectedTransport(url)).toBe('websocket');
  });

  it('falls back to long-polling where WebSockets are refused', async () => {
    const url = await listen({ transports: ['polling'] });
    expect(await connectedTransport(url)).toBe('polling');
  });
});
