import { Router, type NextFunction, type Request, type Response } from 'express';
import { asHttpError } from '../../http/errors';
import { parseBody, parseQuery } from '../../http/validate';
import {
  ackAlarmsCreateSchema,
  alarmCreateSchema,
  alarmGetQuerySchema,
  alarmListQuerySchema,
  alarmUpdateSchema,
  clearAlarmsCreateSchema,
  listenerEnvelopeSchema,
  type TmfListenerEventType,
} from './tmf642.schema';
import type { Tmf642Service } from './tmf642.service';

const LISTENERS: Record<string, TmfListenerEventType> = {
  alarmCreateEvent: 'AlarmCreateEvent',
  alarmStateChangeEvent: 'AlarmStateChangeEvent',
  alarmAttributeValueChangeEvent: 'AlarmAttributeValueChangeEvent',
};

/** The request JSON exactly as parsed, kept as the event's raw payload. */
const rawOf = (req: Request): string => JSON.stringify(req.body);

function methodNotAllowed(allowed: string) {
  return (req: Request, res: Response): void => {
    res.set('Allow', allowed).status(405).json({ error: 'method_not_allowed', message: `${req.method} is not supported here; use ${allowed}`, code: '405', reason: 'Method not allowed' });
  };
}

/**
 * TMF642 Alarm Management API v4, mounted at /tmf-api/alarm/v4 behind the API key check and the
 * JSON body parser: the Alarm resource, the AckAlarms / ClearAlarms tasks, and the listener for
 * notifications when an NMS is the TMF642 server and OpsQuest its subscriber.
 */
export function tmf642Routes(service: Tmf642Service): Router {
  const router = Router();

  router.post('/alarm', async (req, res) => {
    const alarm = await service.create(parseBody(alarmCreateSchema, req), rawOf(req));
    res.status(201).location(alarm.href).json(alarm);
  });

  router.get('/alarm', async (req, res) => {
    const page = await service.list(parseQuery(alarmListQuerySchema, req));
    res.set({ 'X-Total-Count': String(page.total), 'X-Result-Count': String(page.alarms.length) }).json(page.alarms);
  });
  router.all('/alarm', methodNotAllowed('GET, POST'));

  router.get('/alarm/:id', async (req, res) => {
    const { fields } = parseQuery(alarmGetQuerySchema, req);
    res.json(await service.get(String(req.params.id), fields));
  });

  router.patch('/alarm/:id', async (req, res) => {
    res.json(await service.patch(String(req.params.id), parseBody(alarmUpdateSchema, req), rawOf(req)));
  });
  router.all('/alarm/:id', methodNotAllowed('GET, PATCH'));

  router.post('/ackAlarms', async (req, res) => {
    const task = await service.ackAlarms(parseBody(ackAlarmsCreateSchema, req), rawOf(req));
    res.status(201).location(task.href).json(task);
  });
  router.all('/ackAlarms', methodNotAllowed('POST'));

  router.post('/clearAlarms', async (req, res) => {
    const task = await service.clearAlarms(parseBody(clearAlarmsCreateSchema, req), rawOf(req));
    res.status(201).location(task.href).json(task);
  });
  router.all('/clearAlarms', methodNotAllowed('POST'));

  for (const [path, eventType] of Object.entries(LISTENERS)) {
    const schema = listenerEnvelopeSchema(eventType);
    router.post(`/listener/${path}`, async (req, res) => {
      res.status(201).json(await service.notify(eventType, parseBody(schema, req), rawOf(req)));
    });
  }

  // Errors in OpsQuest's shape plus the TMF Error fields (code, reason, status).
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const answered = asHttpError(err);
    if (!answered) {
      next(err);
      return;
    }
    res.status(answered.status).json({ ...answered.toBody(), code: answered.code, reason: answered.message, status: String(answered.status) });
  });

  return router;
}
