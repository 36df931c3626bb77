import { describeFeedStoreContract } from '../../../test-support/contracts/feed-store.contract';
import { openSqliteStore } from '../../../test-support/contracts/open-sqlite-store';
import { describePeopleStoreContract } from '../../../test-support/contracts/people-store.contract';
import { describeProgressStoreContract } from '../../../test-support/contracts/progress-store.contract';
import { describeProposalsStoreContract } from '../../../test-support/contracts/proposals-store.contract';
import { describeRuleSetsStoreContract } from '../../../test-support/contracts/rule-sets-store.contract';
import { SqliteFeedStore } from './feed.sqlite';
import { SqlitePeopleStore } from './people.sqlite';
import { SqliteProgressStore } from './progress.sqlite';
import { SqliteProposalsStore } from './proposals.sqlite';
import { SqliteRuleSetsStore } from './rule-sets.sqlite';

/** The people, progress, feed, rule-sets and proposals contracts on a real SQLite file, migrated from empty. */
describePeopleStoreContract('SQLite', openSqliteStore((db) => new SqlitePeopleStore(db)));
describeProgressStoreContract('SQLite', openSqliteStore((db) => new SqliteProgressStore(db)));
describeFeedStoreContract('SQLite', openSqliteStore((db) => new SqliteFeedStore(db)));
describeRuleSetsStoreContract('SQLite', openSqliteStore((db) => new SqliteRuleSetsStore(db)));
describeProposalsStoreContract('SQLite', openSqliteStore((db) => new SqliteProposalsStore(db)));
