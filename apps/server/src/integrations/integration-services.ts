import { ImportService } from '../import/import.service';
import type { Repositories } from '../services/ports/repositories';
import type { Services } from '../services';
import { fetchGroupAlerts, type FetchOptions } from './alertmanager/alertmanager-api-client';
import { AlertmanagerReceiver } from './alertmanager/alertmanager-receiver';
import type { PersonLookup } from './tmf622/tmf622.mapper';
import { Tmf642HubService } from './tmf642/tmf642-hub.service';
import { Tmf642Service } from './tmf642/tmf642.service';

/** The integrations' use cases, built once with what they need, so that their routes never reach a repository. */
export interface IntegrationServices {
  alertmanager: AlertmanagerReceiver;
  tmf642: Tmf642Service;
  tmf642Hub: Tmf642HubService;
  /** a person named by a TMF622 order (username, in any case), when OpsQuest knows them */
  resolvePerson: PersonLookup;
  /** history import (CSV or JSON lines): a dry run, then the real run */
  history: ImportService;
}

export interface IntegrationOptions {
  /** the server clock, for the clears OpsQuest makes itself */
  now?: () => number;
  /** the fetch of a truncated group from Alertmanager's API */
  alertmanagerFetch?: FetchOptions;
}

export function createIntegrationServices(repos: Repositories, services: Services, options: IntegrationOptions = {}): IntegrationServices {
  const now = options.now ?? Date.now;
  const people = repos.people;
  return {
    alertmanager: new AlertmanagerReceiver({
      ingest: services.ingest,
      notices: services.integrationNotices,
      apiKeys: repos.apiKeys,
      groups: repos.alertmanagerGroups,
      fetchGroup: (query) => fetchGroupAlerts(query, options.alertmanagerFetch),
      now,
    }),
    tmf642: new Tmf642Service(services.ingest, repos.workItems, repos.tmfAlarms, now),
    tmf642Hub: new Tmf642HubService(repos.subscriptions),
    resolvePerson: async (candidate) => ((await people.findByUsername(candidate)) ?? (await people.findByUsername(candidate.toLowerCase())))?.username,
    history: new ImportService(repos, services.ingest, services.engine),
  };
}
