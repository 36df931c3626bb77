/**
 * Seeds the demo organisation and two weeks of history into a database without starting the
 * server: `DATABASE_PATH=data/opsquest.db npm run seed`. Refuses a database that already has people.
 */
import { resolve } from 'node:path';
import { makeConfig } from '@opsquest/core';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { seedDemoOrganisation } from '../apps/server/src/demo/demo-seed';
import { createRepositories } from '../apps/server/src/db/sqlite/create-sqlite-stores';
import { createServices } from '../apps/server/src/services';

async function main(): Promise<void> {
  const path = resolve(process.env.DATABASE_PATH ?? 'data/opsquest.db');
  const db = openDatabase(path);
  try {
    migrate(db);
    const engine = makeConfig({ timeZone: process.env.OPSQUEST_TIMEZONE ?? 'UTC' });
    const repos = createRepositories(db, engine.atRiskPct);
    if ((await repos.people.countAll()) > 0) {
      console.error(`${path} already has people; seed only an empty database.`);
      process.exitCode = 1;
      return;
    }
    const services = await createServices(repos, engine, Date.now);
    const logins = await seedDemoOrganisation(services, { now: Date.now() });
    console.log(`Seeded ${path}: ${await repos.events.count()} events. Logins: ${logins.join(', ')} (password opsquest-demo)`);
  } finally {
    db.close();
  }
}

void main();
