import { DowncityError, ErrorCodes, defineAction } from '@downcity/core';
import { z } from 'zod';
import { isSharedPrincipal } from '../access/shared-principals.js';
import type { AuthState } from '../auth-state.js';
import { GrantableRoleSchema, PrincipalIdSchema } from '../config.js';
import { GrantSchema, type Grant } from '../grants/grant-store.js';
import { requireManager } from './require-manager.js';

/** Input of `auth/grant`. */
export const GrantInputSchema = z.strictObject({
  principalId: PrincipalIdSchema.describe('Who, e.g. "telegram:123456".'),
  role: GrantableRoleSchema.default('member').describe('The role: admin, member or guest. Owners are set in the config.'),
  displayName: z.string().min(1).max(200).optional().describe('A note for listings. Not an identity.'),
});

/** Output of `auth/grant`. */
export const GrantOutputSchema = z.object({ grant: GrantSchema });

/** `auth/grant`: gives a principal a role, replacing any earlier grant. */
export function grantAction(state: AuthState) {
  return defineAction({
    description: 'Grant a principal (e.g. telegram:123) a role: admin, member or guest.',
    input: GrantInputSchema,
    output: GrantOutputSchema,
    tool: false,
    run: async (input, call) => {
      const grantedBy = await requireManager(state, call);
      const shared = isSharedPrincipal({ id: input.principalId }, state.shared);
      if (state.config.owners.includes(input.principalId) && !shared) {
        throw new DowncityError(ErrorCodes.INPUT_INVALID, `${input.principalId} is an owner (plugins.auth.owners); owners need no grant. Remove it from owners first to give it another role.`);
      }
      if (input.role === 'admin' && shared) {
        throw new DowncityError(
          ErrorCodes.INPUT_INVALID,
          `${input.principalId} speaks for whoever holds a shared credential (the HTTP channel's shared token), so it cannot be an admin. Grant member or guest, or give the person a per-user token.`,
        );
      }
      const grant: Grant = {
        principalId: input.principalId,
        role: input.role,
        via: 'grant',
        grantedBy,
        grantedAt: state.now(),
        ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
      };
      await state.grants.put(grant);
      await state.pairing.remove(input.principalId);
      return { grant };
    },
  });
}
