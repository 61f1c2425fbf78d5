import type { AgentConfigInput } from '@downcity/core';

/**
 * The store a config gets from the environment: when it names no `store` and `DOWNCITY_DATABASE_URL` is set,
 * the store is PostgreSQL at that URL (the way a cluster's workers are pointed at their shared database);
 * otherwise the config is left as written (libSQL is the default).
 *
 * @param input - the config as written, `${NAME}` references replaced
 * @param env - the environment, `.env` applied
 */
export function withStoreFromEnv(input: AgentConfigInput, env: Readonly<Record<string, string | undefined>>): AgentConfigInput {
  if (input.store !== undefined) return input;
  const url = env.DOWNCITY_DATABASE_URL;
  return url === undefined || url === '' ? input : { ...input, store: { kind: 'postgres' } };
}
