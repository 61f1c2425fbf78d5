import { DowncityError, ErrorCodes, defineAction } from '@downcity/core';
import { z } from 'zod';
import type { AuthState } from '../auth-state.js';
import { PrincipalIdSchema } from '../config.js';
import { requireManager } from './require-manager.js';

/** Input of `auth/revoke`. */
export const RevokeInputSchema = z.strictObject({ principalId: PrincipalIdSchema.describe('Whose grant to revoke, e.g. "telegram:123456".') });

/** Output of `auth/revoke`. */
export const RevokeOutputSchema = z.object({
  revoked: z.boolean().describe('Whether a grant existed and was removed.'),
  pendingRemoved: z.boolean().describe('Whether a pending pairing request of the principal was removed.'),
  shellApprovalsCancelled: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('How many shell commands of the principal waiting for /approve were cancelled; absent when the shell service is not installed.'),
});

/**
 * `auth/revoke`: removes a principal's grant (and pending code), and cancels the shell commands the
 * principal is waiting to have approved, so a `/approve` sent after the revoke runs nothing. Effective
 * on the principal's next message, shell command or task run.
 */
export function revokeAction(state: AuthState) {
  return defineAction({
    description: "Revoke a principal's grant; takes effect on its next message.",
    input: RevokeInputSchema,
    output: RevokeOutputSchema,
    tool: false,
    run: async (input, call) => {
      const manager = await requireManager(state, call);
      if (state.config.owners.includes(input.principalId)) {
        throw new DowncityError(ErrorCodes.INPUT_INVALID, `${input.principalId} is an owner from the config; remove it from plugins.auth.owners and restart to revoke it.`);
      }
      const revoked = await state.grants.delete(input.principalId);
      const pendingRemoved = await state.pairing.remove(input.principalId);
      const cancelled = await state.cancelShellApprovals?.(input.principalId, `Cancelled: the access of ${input.principalId} was revoked by ${manager}.`);
      return { revoked, pendingRemoved, ...(cancelled === undefined ? {} : { shellApprovalsCancelled: cancelled }) };
    },
  });
}
