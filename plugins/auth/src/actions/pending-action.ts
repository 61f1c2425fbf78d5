import { defineAction } from '@downcity/core';
import { z } from 'zod';
import type { AuthState } from '../auth-state.js';
import { PendingPairingSchema } from '../pairing/pairing-store.js';
import { requireManager } from './require-manager.js';

/** Input of `auth/pending`: nothing. */
export const PendingInputSchema = z.strictObject({});

/** Output of `auth/pending`. */
export const PendingOutputSchema = z.object({ pending: z.array(PendingPairingSchema).describe('Live pairing requests, oldest first.') });

/** `auth/pending`: the pairing codes waiting for approval. */
export function pendingAction(state: AuthState) {
  return defineAction({
    description: 'List the pairing codes waiting for approval.',
    input: PendingInputSchema,
    output: PendingOutputSchema,
    tool: false,
    run: async (_input, call) => {
      await requireManager(state, call);
      return { pending: await state.pairing.list() };
    },
  });
}
