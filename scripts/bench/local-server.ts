import { createOpsQuestServer, type OpsQuestServer } from '../../apps/server/src/app';
import { createLogger } from '../../apps/server/src/logger';

/**
 * The OpsQuest server a benchmark, crash-test or soak child process runs: loopback, UTC, no demo, its
 * own API key; on PostgreSQL when DATABASE_URL is set (the cluster's kill test, B7).
 */
export function createLocalServer(options: { port: number; databasePath: string; apiKey: string; logLevel: string }): Promise<OpsQuestServer> {
  return createOpsQuestServer(
    {
      port: options.port,
      host: '127.0.0.1',
      databasePath: options.databasePath,
      ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
      demo: false,
      apiKey: options.apiKey,
      timeZone: 'UTC',
      simulatorIntervalMs: 1000,
      secureCookies: false,
      logLevel: options.logLevel,
      slaTimerMs: 1000,
      liveTickMs: 150,
    },
    { logger: createLogger(options.logLevel) },
  );
}
