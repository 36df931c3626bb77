import type { ApiKeyStore, LoginFailureStore, SessionStore } from '../../src/services/ports/auth-stores';
import type { UnitOfWork } from '../../src/services/ports/unit-of-work';

/**
 * What a persistence adapter hands the contract tests: its ports on a fresh, migrated, empty store
 * with one person (`personId`, for sessions' foreign key). Each adapter (SQLite today) opens one.
 */
export interface PersistenceFixture {
  uow: UnitOfWork;
  sessions: SessionStore;
  loginFailures: LoginFailureStore;
  apiKeys: ApiKeyStore;
  personId: string;
  close(): Promise<void>;
}

export type OpenFixture = () => Promise<PersistenceFixture>;
