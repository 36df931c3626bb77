/**
 * A small reverse proxy for trying a cluster on one machine (`npm run cluster`) and for the
 * cluster's kill tests: what nginx does in production (docs/DEPLOYMENT.md), in a few lines.
 *
 * - Requests go round-robin to the nodes; a node that refuses the connection is skipped (for a
 *   second) and the request goes to the next one, so a killed node costs no request that had not
 *   reached it yet. A request a node accepted and then lost is answered 502 (never sent twice: only
 *   the client knows whether to retry).
 * - socket.io (`/socket.io/`, its long-polling requests and websocket upgrades) sticks to one node per
 *   client address, as nginx's `ip_hash` does: long-polling needs every request of a session on the
 *   node that holds it. Websockets follow the same rule; when that node is down, the next one.
 */
import { createServer, request, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  host: string;
  port: number;
}

export interface RunningProxy {
  port: number;
  url: string;
  /** requests and upgrades each node took */
  served: number[];
  close(): Promise<void>;
}

const DOWN_MS = 1000;

export async function startProxy(options: { port: number; host?: string; upstreams: Upstream[] }): Promise<RunningProxy> {
  const { upstreams } = options;
  const downUntil = upstreams.map(() => 0);
  const served = upstreams.map(() => 0);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;

  /** The nodes to try, in order: sticky ones start at the client's node, the others round-robin. */
  const order = (req: IncomingMessage): number[] => {
    const sticky = (req.url ?? '').startsWith('/socket.io/');
    const start = sticky ? hash(req.socket.remoteAddress ?? '') % upstreams.length : (next = (next + 1) % upstreams.length);
    const all = upstreams.map((_, i) => (start + i) % upstreams.length);
    const now = Date.now();
    return [...all.filter((i) => downUntil[i]! <= now), ...all.filter((i) => downUntil[i]! > now)];
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, tries: number[]): void => {
    const index = tries[0];
    if (index === undefined) {
      res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'bad_gateway', message: 'No OpsQuest node is reachable' }));
      return;
    }
    const target = upstreams[index]!;
    const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '', 'x-forwarded-proto': 'http' };
    const upstream = request({ host: target.host, port: target.port, method: req.method, path: req.url, headers, agent }, (answer) => {
      served[index]! += 1;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      // refused: the node is down and never saw the request, so the next one may take it
      if (err.code === 'ECONNREFUSED') {
        downUntil[index] = Date.now() + DOWN_MS;
        if (!res.headersSent) {
          forward(req, res, body, tries.slice(1));
          return;
        }
      }
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'bad_gateway', message: 'The OpsQuest node went away mid-request' }));
      else res.destroy();
    });
    upstream.end(body);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), order(req)));
    req.on('error', () => res.destroy());
  });

  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const tries = order(req);
    const attempt = (): void => {
      const index = tries.shift();
      if (index === undefined) {
        client.destroy();
        return;
      }
      const target = upstreams[index]!;
      const node = connect(target.port, target.host, () => {
        served[index]! += 1;
        const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        node.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) node.write(head);
        node.pipe(client);
        client.pipe(node);
      });
      node.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ECONNREFUSED') {
          downUntil[index] = Date.now() + DOWN_MS;
          attempt();
          return;
        }
        client.destroy();
      });
      client.on('error', () => node.destroy());
      node.on('close', () => client.destroy());
      client.on('close', () => node.destroy());
    };
    attempt();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
