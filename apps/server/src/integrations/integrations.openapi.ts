import { z } from 'zod';
import type { Operation } from '../openapi/openapi.operation';
import { alertmanagerPayloadSchema } from './alertmanager/alertmanager.schema';
import { tmf622EnvelopeSchema } from './tmf622/tmf622.schema';
import { ackAlarmsCreateSchema, alarmCreateSchema, alarmGetQuerySchema, alarmListQuerySchema, alarmUpdateSchema, clearAlarmsCreateSchema, listenerEnvelopeSchema } from './tmf642/tmf642.schema';
import { workOrderBodySchema } from './workorder/workorder.schema';

const hubBody = z.object({ callback: z.url(), query: z.string().optional() });

/** The inbound integrations in the OpenAPI document, with the zod schemas their routes validate with. */
export const INTEGRATION_OPERATIONS: Operation[] = [
  { method: 'post', path: '/api/integrations/alertmanager', summary: 'Prometheus Alertmanager webhook (payload version 4)', tag: 'Integrations', auth: 'apiKey', scope: 'alertmanager:write', body: alertmanagerPayloadSchema, responseDescription: '{received, stored, duplicates, notApplied, truncatedAlerts, refused[] (invalid alerts, each with its first offending field; the rest are stored), recovered? {from, fetched, cleared} (a truncated group made whole from Alertmanager\'s API), warning?, results[] with origin notification|fetched|cleared}. 413 over the body limit; 500 only when storing failed (Alertmanager retries)' },
  { method: 'post', path: '/api/integrations/workorder', summary: 'Field work-order state changes (one or up to 1000), with optional job details for the technician: address {line, city, postcode, country}, location {lat, lon}, contact {name, phone}, accessNotes, checklist [{id, label}]', tag: 'Integrations', auth: 'apiKey', scope: 'workorder:write', body: workOrderBodySchema, responseDescription: '{received, stored, duplicates, notApplied, results}', status: 201 },
  { method: 'post', path: '/tmf-api/productOrderingManagement/v4/listener/productOrderCreateEvent', summary: 'TMF622 ProductOrderCreateEvent', tag: 'TMF622', auth: 'apiKey', scope: 'tmf622:write', body: tmf622EnvelopeSchema('create'), responseDescription: 'Notified', status: 201 },
  { method: 'post', path: '/tmf-api/productOrderingManagement/v4/listener/productOrderStateChangeEvent', summary: 'TMF622 ProductOrderStateChangeEvent', tag: 'TMF622', auth: 'apiKey', scope: 'tmf622:write', body: tmf622EnvelopeSchema('stateChange'), responseDescription: 'Notified', status: 201 },
  { method: 'post', path: '/tmf-api/alarm/v4/alarm', summary: 'TMF642 create an alarm', tag: 'TMF642', auth: 'apiKey', scope: 'tmf642:write', body: alarmCreateSchema, responseDescription: 'Alarm', status: 201 },
  { method: 'get', path: '/tmf-api/alarm/v4/alarm', summary: 'TMF642 list alarms (X-Total-Count)', tag: 'TMF642', auth: 'apiKey', scope: 'tmf642:write', query: alarmListQuerySchema, responseDescription: 'Alarm[]' },
  { method: 'get', path: '/tmf-api/alarm/v4/alarm/{id}', summary: 'TMF642 retrieve an alarm', tag: 'TMF642', auth: 'apiKey', scope: 'tmf642:write', query: alarmGetQuerySchema, responseDescription: 'Alarm' },
  { method: 'patch', path: '/tmf-api/alarm/v4/alarm/{id}', summary: 'TMF642 acknowledge, clear or update an alarm', tag: 'TMF642', auth: 'apiKey', scope: 'tmf642:write', body: alarmUpdateSchema, responseDescription: 'Alarm; 409 for impossible changes' },
  { method: 'post', path: '/tmf-api/alarm/v4/ackAlarms', summary: 'TMF642 acknowledge alarms matching a pattern', tag: 'TMF642', auth: 'apiKey', scope: 'tmf642:write', body: ackAlarmsCreateSchema, responseDescription: 'AckAlarms task (done)', status: 201 },
  { method: 'post', path: '/tmf-api/alarm/v4/clearAlarms', summary: 'TMF642 clear alarms matching a pattern', tag: 'TMF642', auth: 'apiKey', scope: 'tmf642:write', body: clearAlarmsCreateSchema, responseDescription: 'ClearAlarms task (done)', status: 201 },
  { method: 'post', path: '/tmf-api/alarm/v4/listener/alarmCreateEvent', summary: 'TMF642 AlarmCreateEvent from an NMS hub', tag: 'TMF642', auth: 'apiKey', scope: 'tmf642:write', body: listenerEnvelopeSchema('AlarmCreateEvent'), responseDescription: 'Notified', status: 201 },
  { method: 'post', path: '/tmf-api/alarm/v4/listener/alarmStateChangeEvent', summary: 'TMF642 AlarmStateChangeEvent from an NMS hub', tag: 'TMF642', auth: 'apiKey', scope: 'tmf642:write', body: listenerEnvelopeSchema('AlarmStateChangeEvent'), responseDescription: 'Notified', status: 201 },
  { method: 'post', path: '/tmf-api/alarm/v4/listener/alarmAttributeValueChangeEvent', summary: 'TMF642 AlarmAttributeValueChangeEvent from an NMS hub', tag: 'TMF642', auth: 'apiKey', scope: 'tmf642:write', body: listenerEnvelopeSchema('AlarmAttributeValueChangeEvent'), responseDescription: 'Notified', status: 201 },
  { method: 'post', path: '/tmf-api/alarm/v4/hub', summary: 'Register a listener for OpsQuest alarm notifications', tag: 'TMF642', auth: 'apiKey', scope: 'tmf642:write', body: hubBody, responseDescription: '{id, callback, query}', status: 201 },
  { method: 'delete', path: '/tmf-api/alarm/v4/hub/{id}', summary: 'Remove a hub listener', tag: 'TMF642', auth: 'apiKey', scope: 'tmf642:write', responseDescription: 'Removed', status: 204 },
  { method: 'post', path: '/api/import', summary: 'Import history (text/csv or application/x-ndjson; ?dryRun=true by default)', tag: 'Integrations', auth: 'apiKey', scope: 'import:write', query: z.object({ dryRun: z.enum(['true', 'false']).default('true') }), responseDescription: 'ImportReport: rows, valid, duplicates, rejected (line, reason), stored, points' },
];
