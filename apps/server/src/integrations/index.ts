import express, { type Express } from 'express';
import type { ApiKeyScope } from '@opsquest/contracts';
import { requireApiKey } from '../http/auth.middleware';
import { JSON_TYPES, limitJsonDepth, requireJsonBody } from '../http/error-handler';
import type { Services } from '../services';
import type { IntegrationServices } from './integration-services';
import { tmf622Routes } from './tmf622/tmf622.routes';
import { tmf642HubRoutes } from './tmf642/tmf642-hub.routes';
import { tmf642Routes } from './tmf642/tmf642.routes';
import { workorderRoutes } from './workorder/workorder.routes';

/**
 * Inbound integrations in the formats NOC and BSS systems already send. Each is authenticated
 * with an API key (Authorization: Bearer) holding that integration's scope before its body is read, and turns its payload into
 * OpsQuest events that go through the same ingest path as everything else, raw payload kept.
 * Alertmanager's webhook is mounted on its own in app.ts: it streams its (storm-sized) body.
 */
export function mountIntegrations(app: Express, services: Services, integrations: IntegrationServices): void {
  const key = (scope: ApiKeyScope) => requireApiKey(services.auth, scope);
  const json = [requireJsonBody, express.json({ limit: '1mb', strict: false, type: JSON_TYPES }), limitJsonDepth];
  app.use('/api/integrations/workorder', key('workorder:write'), ...json, workorderRoutes(services));
  app.use('/tmf-api/productOrderingManagement/v4', key('tmf622:write'), ...json, tmf622Routes(services, integrations.resolvePerson));
  app.use('/tmf-api/alarm/v4/hub', key('tmf642:write'), ...json, tmf642HubRoutes(integrations.tmf642Hub));
  app.use('/tmf-api/alarm/v4', key('tmf642:write'), ...json, tmf642Routes(integrations.tmf642));
}
