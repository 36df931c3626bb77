import { resolve } from 'node:path';
import { createOpsQuestServer } from './app';
import { loadConfig } from './config';
import { createLogger } from './logger';

/** Entry point: settings from the environment, listen, shut down gracefully on SIGTERM / SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const server = await createOpsQuestServer({ ...config, databasePath: resolve(config.databasePath) }, { logger: log });
  const { url } = await server.listen();
  if (config.demo) {
    log.info(`Demo mode: open ${url} and log in as engineer1, technician1, lead1 or admin1 with password opsquest-demo`);
  }
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
