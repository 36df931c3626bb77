import express, { type Express } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { createServer, STATUS_CODES, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinoHttp } from 'pino-http';
import { makeConfig, type EngineConfig } from '@opsquest/core';
import type { ServerConfig } from './config';
import { walBytes, type Checkpointer } from './db/checkpointer';
import type { Db } from './db/database';
import { describeStore, openPersistence, type Persistence } from './db/open-persistence';
import { seedDemoOrganisation } from './demo/demo-seed';
import { Simulator } from './demo/simulator';
import { requireApiKey } from './http/auth.middleware';
import { csrfProtection } from './http/csrf.middleware';
import { recordIntegrationRefusals } from './http/integration-refusals.middleware';
import { setWebStaticHeaders } from './http/web-static-headers';
import { errorHandler, limitJsonDepth, requireJsonBody } from './http/error-handler';
import { mountIntegrations } from './integrations';
import { createIntegrationServices, type IntegrationServices } from './integrations/integration-services';
import { alertmanagerMaxBodyBytes } from './integrations/alertmanager/alertmanager.limits';
import { alertmanagerRoutes } from './integrations/alertmanager/alertmanager.routes';
import { notFound } from './http/errors';
import { createLogger, type Logger } from './logger';
import { createAppMetrics, type AppMetrics } from './metrics/app-metrics';
import { metricsRoutes } from './metrics/metrics.routes';
import { authRoutes } from './routes/auth.routes';
import { eventsChain } from './http/events-chain';
import { feedRoutes } from './routes/feed.routes';
import { kudosRoutes } from './routes/kudos.routes';
import { leaderboardRoutes } from './routes/leaderboard.routes';
import { meRoutes } from './routes/me.routes';
import { missionRoutes } from './routes/missions.routes';
import { proposalRoutes } from './routes/proposals.routes';
import { statsRoutes } from './routes/stats.routes';
import { adminRoutes } from './routes/admin.routes';
import { reviewRoutes } from './routes/review.routes';
import { maintenanceRoutes } from './routes/maintenance.routes';
import { openApiRoutes } from './openapi/openapi.routes';
import { importRoutes } from './import/import.routes';
import { DeliveryWorker } from './outbound/delivery-worker';
import { Outbox } from './outbound/outbox';
import { tmf642HubFormatter } from './integrations/tmf642/tmf642-hub';
import { dashboardRoutes, wallRoutes } from './routes/dashboard.routes';
import { insightsRoutes } from './routes/insights.routes';
import { customersRoutes, networkHealthRoutes } from './routes/network-health.routes';
import { peopleRoutes, teamRoutes } from './routes/people.routes';
import { rulesRoutes } from './routes/rules.routes';
import { auditRoutes } from './routes/audit.routes';
import { adjustmentRoutes } from './routes/adjustments.routes';
import { alarmRoutes, workItemRoutes } from './routes/work-items.routes';
import { createServices, type Services } from './services';
import type { Repositories } from './services/ports/repositories';
import { integrationNoticesFanOut } from './services/live/integration-notices.fan-out';
import { LiveHub } from './services/live/live-hub.service';
import { DAY_MS, RetentionService, RetentionTimer } from './services/use-cases/retention.service';
import { SlaTimer } from './services/live/sla-timer.service';
import { joinCluster } from './socket/cluster';
import { createSocketServer, rooms, type LiveServer } from './socket/socket-server';

/** How long requests in flight may take to finish after a shutdown starts. */
const CLOSE_GRACE_MS = 5000;

const DEFAULT_WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface OpsQuestServer {
  app: Express;
  httpServer: HttpServer;
  io: LiveServer;
  /** the store this node runs on (SQLite file or PostgreSQL) */
  persistence: Persistence;
  /** the SQLite handle (tools, tests, benches); throws on a node that runs on PostgreSQL */
  db: Db;
  repos: Repositories;
  services: Services;
  log: Logger;
  simulator?: Simulator;
  outbox: Outbox;
  /** WAL checkpoints on a worker thread (SQLite); throws on a node that runs on PostgreSQL */
  checkpointer: Checkpointer;
  /** starts the HTTP listener, the SLA timer and (in demo mode) the simulator */
  listen(): Promise<{ port: number; url: string }>;
  /** graceful: stop accepting, finish in-flight requests, close sockets and the database */
  close(): Promise<void>;
}

export interface CreateOptions {
  logger?: Logger;
  now?: () => number;
  engine?: Partial<EngineConfig>;
}

/** Sent when cookies are Secure by setting or the request came over TLS (directly or through a trusted proxy). */
const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/** Express's "trust proxy" for OPSQUEST_TRUST_PROXY: unset trusts no proxy; digits are a hop count; else names/addresses/ranges. */
function trustProxySetting(value: string | undefined): boolean | number | string {
  if (value === undefined || value.trim() === '') return false;
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
}

function buildExpressApp(services: Services, integrations: IntegrationServices, config: ServerConfig, log: Logger, ready: () => boolean, storeAnswers: () => Promise<boolean>, metrics: AppMetrics): Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-* (client address, https) is believed only from the proxies OPSQUEST_TRUST_PROXY names;
  // unset, the socket address counts (login limits) and req.secure is true only for TLS to this server.
  app.set('trust proxy', trustProxySetting(config.trustProxy));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'upgrade-insecure-requests': config.secureCookies ? [] : null,
        },
      },
      // sent below, also for requests that came over TLS through a trusted proxy
      strictTransportSecurity: false,
    }),
  );
  app.use((req, res, next) => {
    if (config.secureCookies || req.secure) res.setHeader('Strict-Transport-Security', HSTS_VALUE);
    next();
  });
  // Ingest (POST /api/events) takes its own lean chain: see http/events-chain.ts.
  app.use('/api/events', eventsChain(services, log));
  app.use(
    pinoHttp({
      logger: log,
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
    }),
  );

  // 200 when this node can serve; 503 while it starts, or while its database cannot be reached (it
  // keeps answering, and recovers by itself when the database is back)
  app.get('/api/health', (_req, res, next) => {
    if (!ready()) {
      res.status(503).json({ status: 'starting' });
      return;
    }
    storeAnswers().then((ok) => (ok ? res.json({ status: 'ok' }) : res.status(503).json({ status: 'degraded', database: 'unreachable' })), next);
  });
  // Prometheus scrapes GET /metrics with an API key that has the scope metrics:read.
  app.use(metricsRoutes(services.auth, metrics));
  // Integrations are checked for their key before their body is read; their refusals (400/413/415) become notices.
  app.use(recordIntegrationRefusals(services.integrationNotices, log));
  // Alertmanager's webhook reads its body (an alarm storm: up to 32 MB) as a stream, in small pieces,
  // instead of express.json's one JSON.parse: mounted before the integrations' JSON parsers.
  app.use('/api/integrations/alertmanager', requireApiKey(services.auth, 'alertmanager:write'), alertmanagerRoutes(integrations.alertmanager, { maxBodyBytes: alertmanagerMaxBodyBytes(process.env.OPSQUEST_ALERTMANAGER_MAX_BODY_MB) }));
  mountIntegrations(app, services, integrations);
  app.use('/api/import', requireApiKey(services.auth, 'import:write'), importRoutes(integrations.history));
  app.use('/api', requireJsonBody, express.json({ limit: '1mb', strict: false }), limitJsonDepth, csrfProtection(config.secureCookies));
  app.use('/api/auth', authRoutes(services, config.secureCookies));
  app.use('/api/me', meRoutes(services));
  app.use('/api/leaderboard', leaderboardRoutes(services));
  app.use('/api/work-items', workItemRoutes(services));
  app.use('/api/alarms', alarmRoutes(services));
  app.use('/api/feed', feedRoutes(services));
  app.use('/api/kudos', kudosRoutes(services));
  app.use('/api/stats', statsRoutes(services));
  app.use('/api/people', peopleRoutes(services));
  app.use('/api/people', adjustmentRoutes(services));
  app.use('/api/rules', rulesRoutes(services));
  app.use('/api/audit', auditRoutes(services));
  app.use('/api/teams', teamRoutes(services));
  app.use('/api/dashboard', dashboardRoutes(services));
  app.use('/api/insights', insightsRoutes(services));
  app.use('/api/network-health', networkHealthRoutes(services));
  app.use('/api/customers', customersRoutes(services));
  app.use('/api/wall', wallRoutes(services));
  app.use('/api/admin', adminRoutes(services));
  app.use('/api/missions', missionRoutes(services));
  app.use('/api/proposals', proposalRoutes(services));
  app.use('/api/review', reviewRoutes(services));
  app.use('/api/maintenance-windows', maintenanceRoutes(services));
  app.use('/api', openApiRoutes('0.1.0'));
  app.use(['/api', '/tmf-api', '/metrics'], (req) => {
    throw notFound(`No API route ${req.method} ${req.originalUrl.split('?')[0]}`);
  });

  const webDist = config.webDistPath ?? DEFAULT_WEB_DIST;
  if (existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h', setHeaders: setWebStaticHeaders }));
    app.get(/^(?!\/api\/|\/tmf-api\/|\/socket\.io\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(webDist, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('OpsQuest API is running. The web console is not built: run `npm run build` (npm start does it for you).');
    });
  }
  app.use(errorHandler(log));
  return app;
}

/** Builds the whole server without listening, so tests can start it on a temp database and a free port. */
export async function createOpsQuestServer(config: ServerConfig, options: CreateOptions = {}): Promise<OpsQuestServer> {
  const log = options.logger ?? createLogger(config.logLevel);
  const now = options.now ?? Date.now;
  const engine = makeConfig({ timeZone: config.timeZone, ...(config.payHorizonMs !== undefined ? { payHorizonMs: config.payHorizonMs } : {}), ...options.engine });
  const persistence = await openPersistence(config, log, engine.atRiskPct);
  const { repos } = persistence;
  const services = await createServices(repos, engine, now, { maxSkewMs: config.maxClockSkewMs ?? 5 * 60_000, maxOfflineMs: config.maxOfflineMs ?? 72 * 3_600_000 });
  if (config.apiKey) await services.auth.ensureEnvApiKey(config.apiKey);

  let demoLogins: string[] = [];
  if (config.demo && (await repos.people.countAll()) === 0) {
    demoLogins = await seedDemoOrganisation(services, { now: now(), log });
  }

  let ready = false;
  const integrations = createIntegrationServices(repos, services, { now });
  // this app's own registry (GET /metrics): the ingest service reports through its port
  const metrics = createAppMetrics();
  services.ingest.reportTo(metrics.ingest);
  const app = buildExpressApp(services, integrations, config, log, () => ready, () => persistence.ping(), metrics);
  const httpServer = createServer(app);
  // Idle keep-alive connections stay open longer than the proxies in front usually keep theirs (nginx
  // 75 s upstream, cloud load balancers 60 s) and far longer than Node's 5 s default, so a client
  // rarely sends on a connection the server is just closing (it would see ECONNRESET). SIGTERM still
  // closes idle connections at once.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  // Requests Node's parser refuses before Express sees them (headers over 16 KB, malformed request
  // lines) still get a JSON answer; a connection that is already gone is just closed.
  httpServer.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify(status === 431 ? { error: 'headers_too_large', message: 'The request line and headers are larger than 16 KB' } : { error: 'bad_request', message: 'Malformed HTTP request' });
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  const io = createSocketServer(httpServer, services.auth);
  const sqliteFile = persistence.engine === 'sqlite' ? persistence.db.name : undefined;
  metrics.readState({
    queuedEvents: () => services.ingest.queuedEvents(),
    pendingDeliveries: () => repos.deliveries.countPending(),
    connectedSockets: () => io.of('/').sockets.size,
    ...(sqliteFile ? { walBytes: () => walBytes(sqliteFile) } : {}),
  });
  // a tick that fails (a store read) is logged; the next tick sends again
  const hub = new LiveHub(io, repos, engine, config.liveTickMs, now, (err) => log.error({ err }, 'live fan-out tick failed'));
  // several nodes on one PostgreSQL database: rooms span the nodes, caches follow the others' changes
  const cluster = joinCluster(io, persistence, services, hub, log, config.clusterRoomsGraceMs);
  // on PostgreSQL a node commits one ingest group at a time (larger groups, fewer round trips per event)
  if (persistence.engine === 'postgres') services.ingest.limitGroupsInFlight(1);
  if (config.incidentWindowMs !== undefined) services.ingest.correlateWithin(config.incidentWindowMs);
  services.integrationNotices.onChanged(integrationNoticesFanOut(io, services.integrationNotices, persistence.engine === 'postgres'));
  // planned work declared or cancelled: every browser's board and wall (through the cluster adapter on PostgreSQL)
  services.maintenance.onChanged((windows) => {
    io.to(rooms.global).emit('maintenance:changed', { windows });
  });
  const outbox = new Outbox(repos, engine);
  outbox.setHubFormatter(tmf642HubFormatter(repos));
  // The delivery worker is woken after a commit only when that commit queued deliveries.
  let queuedDeliveries = 0;
  services.ingest.pipeline.during('outbox', async (batch, at) => {
    const queued = await outbox.enqueue(batch, at);
    queuedDeliveries += queued;
  });
  const deliveries = new DeliveryWorker(repos, log, { periodMs: config.deliveryPeriodMs ?? 1000, timeoutMs: 5000, now });
  services.ingest.pipeline.after('live', (batch) => hub.publish(batch));
  services.ingest.pipeline.after('webhooks', () => {
    if (queuedDeliveries > 0) {
      queuedDeliveries = 0;
      deliveries.poke();
    }
  });
  const slaTimer = new SlaTimer(repos, services.ingest, engine, log, now);
  const simulator = config.demo ? new Simulator(services, { intervalMs: config.simulatorIntervalMs, log, now }) : undefined;
  const sessionPurge = setInterval(() => {
    repos.jobs
      .exclusively('session-purge', () => Promise.all([repos.sessions.purgeExpired(now()), repos.loginFailures.purgeOlderThan(now() - 24 * 60 * 60 * 1000)]))
      .catch((err: unknown) => log.error({ err }, 'session purge failed'));
  }, 60 * 60 * 1000);
  sessionPurge.unref();
  // Retention: raw payloads older than OPSQUEST_RETENTION_DAYS are cleared once a day (first run a minute after listen).
  const retention = config.retentionDays
    ? new RetentionTimer(new RetentionService(repos), {
        retentionMs: config.retentionDays * DAY_MS,
        now,
        jobs: repos.jobs,
        onResult: (r) => log.info({ rawCleared: r.rawCleared, rawKeptOpen: r.rawKeptOpen, batches: r.batches, durationMs: r.durationMs, cutoff: new Date(r.cutoff).toISOString() }, 'retention: raw payloads pruned'),
        onError: (err) => log.error({ err }, 'retention: prune failed'),
      })
    : undefined;

  let closed = false;
  const server: OpsQuestServer = {
    app,
    httpServer,
    io,
    persistence,
    get db(): Db {
      if (persistence.engine !== 'sqlite') throw new Error('this node runs on PostgreSQL: there is no SQLite handle');
      return persistence.db;
    },
    repos,
    services,
    log,
    ...(simulator ? { simulator } : {}),
    outbox,
    get checkpointer(): Checkpointer {
      if (persistence.engine !== 'sqlite') throw new Error('this node runs on PostgreSQL: there are no WAL checkpoints');
      return persistence.checkpointer;
    },
    listen: () =>
      new Promise((resolvePromise, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const port = (httpServer.address() as AddressInfo).port;
          slaTimer.start(config.slaTimerMs);
          deliveries.start();
          retention?.start();
          simulator?.start();
          ready = true;
          services.leaderboard.warm((err) => log.warn({ err }, 'leaderboard warm-up stopped'));
          const url = `http://localhost:${port}`;
          log.info({ url, database: describeStore(config), demo: config.demo }, 'OpsQuest is listening');
          if (demoLogins.length) log.info({ logins: demoLogins, password: 'opsquest-demo' }, 'demo organisation seeded');
          resolvePromise({ port, url });
        });
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      ready = false;
      simulator?.stop();
      const slaPass = slaTimer.stop();
      const deliveryPass = deliveries.stop();
      clearInterval(sessionPurge);
      await retention?.stop();
      await hub.flush();
      hub.stop();
      cluster?.stop();
      // Stop accepting; requests in flight finish, and each connection is closed as soon as it is idle
      // (keep-alive would otherwise hold it for 65 s). Whatever is still open after 5 s is cut.
      const sweep = setInterval(() => httpServer.closeIdleConnections(), 50);
      const cut = setTimeout(() => httpServer.closeAllConnections(), CLOSE_GRACE_MS);
      try {
        await new Promise<void>((r) => {
          void io.close(() => r());
          httpServer.closeIdleConnections();
        });
        if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
      } finally {
        clearInterval(sweep);
        clearTimeout(cut);
      }
      // Requests cut at the grace, the SLA pass and the webhook deliveries under way finish (or fail)
      // before the database closes under them (a delivery sent but not recorded would go out twice); a store that never answers is not waited for past another grace.
      await Promise.race([Promise.all([slaPass, deliveryPass, services.ingest.idle()]), new Promise((r) => setTimeout(r, CLOSE_GRACE_MS).unref())]);
      await persistence.close();
    },
  };
  return server;
}
