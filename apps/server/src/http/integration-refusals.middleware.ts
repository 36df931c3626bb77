import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyPrincipal } from '../services/use-cases/auth.service';
import type { Logger } from '../logger';
import type { IntegrationNoticesService } from '../services/live/integration-notices.service';

/** The integration routes (API-key authenticated) and the source name their notices carry. */
const INTEGRATION_SOURCES: readonly (readonly [prefix: string, source: string])[] = [
  ['/api/integrations/alertmanager', 'alertmanager'],
  ['/api/integrations/workorder', 'workorder'],
  ['/tmf-api/alarm/v4', 'tmf642'],
  ['/tmf-api/productOrderingManagement/v4', 'tmf622'],
  ['/api/events', 'events'],
  ['/api/import', 'import'],
];

/** The answers that mean "what you sent was not taken": bad input, too large, not JSON. */
const REFUSALS: ReadonlySet<number> = new Set([400, 413, 415]);

const MAX_GROUP_LABELS = 30;
const MAX_LABEL_LENGTH = 200;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function integrationSourceOf(path: string): string | undefined {
  return INTEGRATION_SOURCES.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))?.[1];
}

/** How many alerts or events the refused body carried, when it was read at all (a 413 or 415 body never is): 0 when unknown. */
function carried(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  if (isRecord(body)) return Array.isArray(body.alerts) ? body.alerts.length : 1;
  return 0;
}

/** An Alertmanager notification's group, when the body was read: which group the admin is to look at. */
function alertmanagerGroup(body: unknown): { groupKey?: string; groupLabels?: Record<string, string> } {
  if (!isRecord(body)) return {};
  const groupLabels: Record<string, string> = {};
  if (isRecord(body.groupLabels)) {
    for (const [name, value] of Object.entries(body.groupLabels).slice(0, MAX_GROUP_LABELS)) {
      if (typeof value === 'string') groupLabels[name.slice(0, MAX_LABEL_LENGTH)] = value.slice(0, MAX_LABEL_LENGTH);
    }
  }
  return { ...(typeof body.groupKey === 'string' ? { groupKey: body.groupKey.slice(0, 1000) } : {}), groupLabels };
}

/** The `message` of the JSON error the route answered (it names the field); never a header, a secret or the body itself. */
function messageOf(answer: unknown, status: number): string {
  return isRecord(answer) && typeof answer.message === 'string' && answer.message.trim() !== '' ? answer.message : `Refused with HTTP ${status}`;
}

/**
 * Makes refusals of integration requests visible to the admins, in one place for every
 * integration route: a request authenticated by an API key that ends in 400, 413 or 415 is recorded
 * as a 'refused' integration notice (the route, the status, the error's message naming the field,
 * the key; for Alertmanager its group). It watches the answer (res.json) and records when the
 * response has finished, so the route's own error shapes (TMF642's included) are covered.
 *
 * A request refused before its key is known (401: no or unknown key) is not recorded: there is no
 * key to blame, and anyone on the network could fill the list. 403 (a key without the scope) is not a
 * refusal of what was sent either.
 */
export function recordIntegrationRefusals(notices: IntegrationNoticesService, log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const source = integrationSourceOf(req.baseUrl + req.path);
    if (!source) {
      next();
      return;
    }
    let answer: unknown;
    const json = res.json.bind(res);
    res.json = (body?: unknown) => {
      answer = body;
      return json(body);
    };
    res.on('finish', () => {
      const key = res.locals.apiKey as ApiKeyPrincipal | undefined;
      if (!key || !REFUSALS.has(res.statusCode)) return;
      const status = res.statusCode;
      notices
        .refused({
          keyId: key.id,
          source,
          status,
          missing: carried(req.body),
          reason: messageOf(answer, status),
          ...(source === 'alertmanager' ? alertmanagerGroup(req.body) : {}),
        })
        .catch((err: unknown) => {
          // the answer is already sent; a notice that cannot be written (shutting down) is only logged
          log.warn({ err, source, status }, 'integration refusal could not be recorded');
        });
    });
    next();
  };
}
