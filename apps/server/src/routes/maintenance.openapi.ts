import { cancelMaintenanceBodySchema, createMaintenanceBodySchema, maintenanceListQuerySchema } from '@opsquest/contracts';
import type { Operation } from '../openapi/openapi.operation';

/** Planned work: the maintenance windows' operations in /api/openapi.json. */
export const MAINTENANCE_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/maintenance-windows',
    summary: 'Planned work: active and upcoming maintenance windows (state=recent adds the last 30 days’ ended and cancelled ones)',
    tag: 'Work',
    auth: 'session',
    query: maintenanceListQuerySchema,
    responseDescription: '{ windows: MaintenanceWindowView[] } by start; each with its state and how many alarms it marked as planned',
  },
  {
    method: 'post',
    path: '/api/maintenance-windows',
    summary: 'Declare planned work on regions, sites or network elements for a time window (audited)',
    tag: 'Work',
    auth: 'sessionOrApiKey',
    roles: 'lead, admin; or an API key with scope maintenance:write',
    scope: 'maintenance:write',
    body: createMaintenanceBodySchema,
    responseDescription: 'MaintenanceWindowView. Alarms raised inside its scope during the window, received after it was declared, are planned work: no SLA clock, no MTTA/MTTR, no points.',
    status: 201,
  },
  {
    method: 'post',
    path: '/api/maintenance-windows/{id}/cancel',
    summary: 'End planned work early (audited); alarms raised afterwards are ordinary faults',
    tag: 'Work',
    auth: 'sessionOrApiKey',
    roles: 'lead, admin; or an API key with scope maintenance:write',
    scope: 'maintenance:write',
    body: cancelMaintenanceBodySchema,
    responseDescription: 'MaintenanceWindowView; 404 for an unknown id, 409 when it was cancelled already or has ended',
  },
];
