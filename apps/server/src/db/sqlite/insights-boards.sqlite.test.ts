import { describeInsightsStoreContract } from '../../../test-support/contracts/insights-store.contract';
import { describeLeaderboardStoreContract } from '../../../test-support/contracts/leaderboard-store.contract';
import { describeLeagueStoreContract } from '../../../test-support/contracts/league-store.contract';
import { openSqliteStore } from '../../../test-support/contracts/open-sqlite-store';
import { describeParticipationStoreContract } from '../../../test-support/contracts/participation-store.contract';
import { SqliteInsightsStore } from './insights.sqlite';
import { SqliteLeaderboardStore } from './leaderboard.sqlite';
import { SqliteLeagueStore } from './league.sqlite';
import { SqliteParticipationStore } from './participation.sqlite';

describeInsightsStoreContract('SQLite', openSqliteStore((db) => new SqliteInsightsStore(db)));
describeLeaderboardStoreContract('SQLite', openSqliteStore((db) => new SqliteLeaderboardStore(db)));
describeLeagueStoreContract('SQLite', openSqliteStore((db) => new SqliteLeagueStore(db)));
describeParticipationStoreContract('SQLite', openSqliteStore((db) => new SqliteParticipationStore(db)));
