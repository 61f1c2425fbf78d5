import { DowncityError, ErrorCodes, defineAction } from '@downcity/core';
import { z } from 'zod';
import type { AuthState } from '../auth-state.js';
import { GrantSchema, type Grant } from '../grants/grant-store.js';
import { normalizePairingCode } from '../pairing/pairing-code.js';
import { requireManager } from './require-manager.js';

/** Input of `auth/approve`. */
export const ApproveInputSchema = z.strictObject({ code: z.string().min(1).max(64).describe('The pairing code the user received, e.g. "K7QD9MZP" (case and dashes ignored).') });

/** Output of `auth/approve`. */
export const ApproveOutputSchema = z.object({ grant: GrantSchema });

/** `auth/approve`: approves a pairing code; the user who received it is granted `pairing.role`. */
export function approveAction(state: AuthState) {
  return defineAction({
    description: 'Approve a pairing code: the user who received it is granted the pairing role.',
    input: ApproveInputSchema,
    output: ApproveOutputSchema,
    tool: false,
    run: async (input, call) => {
      const grantedBy = await requireManager(state, call);
      const code = normalizePairingCode(input.code);
      const pending = await state.pairing.findByCode(code);
      if (!pending) {
        throw new DowncityError(ErrorCodes.INPUT_INVALID, `No pending pairing request has code ${code}. Check the code, or list the waiting ones with auth/pending (/pair list).`, { details: { reason: 'CODE_UNKNOWN' } });
      }
      if (state.pairing.isExpired(pending)) {
        await state.pairing.remove(pending.principalId);
        throw new DowncityError(ErrorCodes.INPUT_INVALID, `Pairing code ${code} has expired. Ask the user to send another message to get a new code.`, { details: { reason: 'CODE_EXPIRED', principalId: pending.principalId } });
      }
      const grant: Grant = {
        principalId: pending.principalId,
        role: state.config.pairing.role,
        via: 'pairing',
        grantedBy,
        grantedAt: state.now(),
        ...(pending.displayName === undefined ? {} : { displayName: pending.displayName }),
      };
      await state.grants.put(grant);
      await state.pairing.remove(pending.principalId);
      return { grant };
    },
  });
}
