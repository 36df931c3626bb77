import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../logger';
import { eventRoutes } from '../routes/events.routes';
import type { Services } from '../services';
import { requireApiKey } from './auth.middleware';
import { limitJsonDepth, requireJsonBody } from './error-handler';
import { recordIntegrationRefusals } from './integration-refusals.middleware';

/**
 * POST /api/events on a lean chain of its own, mounted ahead of the console's routes: the same key
 * check (events:write, before the body is read), the same JSON-only rule, 1 MB limit and depth limit,
 * and the same refusal notices, but none of the console's cookie, CSRF and per-request logger work,
 * and no walk past the console's two dozen routers. What is not ingest (a GET, an unknown sub-path)
 * falls through to the usual chain and its 404. Every request is still logged as pino-http would (see logOutcome).
 */
export function eventsChain(services: Services, log: Logger): Router {
  const router = Router();
  router.use(logOutcome(log), recordIntegrationRefusals(services.integrationNotices, log));
  router.use(requireApiKey(services.auth, 'events:write'), requireJsonBody, express.json({ limit: '1mb', strict: false }), limitJsonDepth);
  router.use(eventRoutes(services));
  return router;
}

/**
 * pino-http's line for ingest requests (debug for answers, warn for refusals, error for faults), built only when
 * its level is on: without its per-request child logger. Headers go through the logger's redaction like any line.
 */
function logOutcome(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.on('finish', () => {
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug';
      if (!log.isLevelEnabled(level)) return;
      const line = {
        req: { method: req.method, url: req.originalUrl, headers: req.headers, remoteAddress: req.socket.remoteAddress },
        res: { statusCode: res.statusCode, headers: res.getHeaders() },
        responseTime: Math.round(performance.now() - started),
      };
      log[level](line, res.statusCode >= 500 ? 'request errored' : 'request completed');
    });
    next();
  };
}
