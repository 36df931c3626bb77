import { Router } from 'express';
import { requireApiKey } from '../http/auth.middleware';
import type { AuthService } from '../services/use-cases/auth.service';
import type { AppMetrics } from './app-metrics';

/**
 * GET /metrics in Prometheus's text format, for an API key with the scope metrics:read, sent as
 * `Authorization: Bearer <key>` (Prometheus's `authorization` or `bearer_token` scrape settings).
 */
export function metricsRoutes(auth: AuthService, metrics: AppMetrics): Router {
  const router = Router();
  router.get('/metrics', requireApiKey(auth, 'metrics:read'), async (_req, res) => {
    const text = await metrics.scrape();
    res.setHeader('Content-Type', metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(text);
  });
  return router;
}
