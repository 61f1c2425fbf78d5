import { defineAction } from '@downcity/core';
import { z } from 'zod';
import type { AuthState } from '../auth-state.js';
import { GrantSchema } from '../grants/grant-store.js';
import { requireManager } from './require-manager.js';

/** Input of `auth/list`: nothing. */
export const ListInputSchema = z.strictObject({});

/** Output of `auth/list`. */
export const ListOutputSchema = z.object({
  owners: z.array(z.string()).describe('Owners from the config (plugins.auth.owners).'),
  grants: z.array(GrantSchema).describe('Granted principals, by principal id.'),
});

/** `auth/list`: the configured owners and every grant. */
export function listAction(state: AuthState) {
  return defineAction({
    description: 'List the configured owners and every granted principal with its role.',
    input: ListInputSchema,
    output: ListOutputSchema,
    tool: false,
    run: async (_input, call) => {
      await requireManager(state, call);
      return { owners: state.config.owners, grants: await state.grants.list() };
    },
  });
}
