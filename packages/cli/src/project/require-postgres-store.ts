import { DowncityError, ErrorCodes, type AgentConfig } from '@downcity/core';

/**
 * Refuses a store other than PostgreSQL for a worker of a cluster (`downcity start --worker` and `--workers N`):
 * the workers share their sessions, inbox and job queue through one database, which a libSQL file or memory cannot be.
 *
 * @throws `CONFIG_INVALID` saying what to set.
 */
export function requirePostgresStore(config: AgentConfig): void {
  if (config.store.kind === 'postgres') return;
  const current = config.store.kind === 'libsql' ? `libSQL (${config.store.path})` : 'in memory';
  const message =
    `A worker of a cluster needs a PostgreSQL store that every worker shares, but this project's store is ${current}. ` +
    'Set DOWNCITY_DATABASE_URL=postgres://user:password@host:5432/database and leave `store` out of downcity.config.ts, ' +
    "or write `store: { kind: 'postgres' }` there (the URL from DOWNCITY_DATABASE_URL or store.url).";
  throw new DowncityError(ErrorCodes.CONFIG_INVALID, message, { details: { problems: [{ path: 'store.kind', message: `must be "postgres" for a worker (is "${config.store.kind}")` }] } });
}
