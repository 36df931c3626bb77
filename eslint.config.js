import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Persistence ports are async (a networked database must implement them): a promise that nobody
    // awaits is a write that may land after its unit of work, or an error nobody sees.
    files: ['apps/server/**/*.ts', 'scripts/**/*.ts', 'apps/web/e2e/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The core is pure: no I/O, no server or web code, no Node built-ins.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'path', 'http', 'crypto', '@opsquest/*', 'better-sqlite3', 'express', 'socket.io*', 'react*'], message: 'packages/core is pure: no I/O and nothing of the server or web.' }] },
      ],
      'no-restricted-globals': ['error', 'fetch', 'process', 'setTimeout', 'setInterval', 'localStorage'],
    },
  },
  {
    // The web app speaks the contracts (schemas, views, socket events and the domain words they
    // re-export), never the scoring engine itself.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@opsquest/core', '@opsquest/core/*'], message: 'apps/web imports @opsquest/contracts, not the core.' }] }],
    },
  },
  {
    // Use cases speak the domain: they raise domain errors (services/domain-errors.ts) and never see
    // HTTP; the HTTP layer maps each error kind to its status. Nor do they see the database: atomic
    // work goes through the unit-of-work port (repos.uow, services/ports/unit-of-work.ts).
    files: ['apps/server/src/services/**/*.ts'],
    ignores: ['apps/server/src/services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['express', '**/http/*', '**/routes/*'], message: 'services know nothing of HTTP: throw a DomainError from ./domain-errors.' },
            { group: ['better-sqlite3', 'pg', '**/db/*', '**/db/**'], message: 'services depend on the ports (services/ports/), never on an adapter or the database handle' },
            { group: ['prom-client', '**/metrics/*'], message: 'services report through the metrics port (services/ports/ingest-metrics.ts); prom-client is the adapter in src/metrics/' },
          ],
        },
      ],
    },
  },
  {
    // The database handle is out of reach of services (the import half of this is in the block above).
    files: ['apps/server/src/services/**/*.ts'],
    ignores: ['apps/server/src/services/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='db']", message: 'services use the unit of work (repos.uow), never the database handle' }],
    },
  },
  {
    // Routes are thin: validate, call a use case, shape the output. They never reach a repository.
    files: ['apps/server/src/routes/**/*.ts', 'apps/server/src/**/*.routes.ts'],
    ignores: ['apps/server/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/db/*', '**/db/**', '**/ports/repositories'], message: 'routes call use cases (services), never a repository.' }] }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='repos']", message: 'routes call use cases (services), never a repository.' }],
    },
  },
  {
    files: ['packages/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', '@opsquest/server', '@opsquest/web', 'better-sqlite3', 'express', 'react*'], message: 'contracts are shared by server and web: schemas and types only.' }] }],
    },
  },
);
