import { defineAction } from '@downcity/core';
import { z } from 'zod';
import { UserTokenInfoSchema, type UserTokenStore } from '../channels/http/credentials/user-token-store.js';
import { requireOperator } from './require-operator.js';

/** Input of `chat/http-token-revoke`. */
export const HttpTokenRevokeInputSchema = z.strictObject({ id: z.string().min(1).max(64).describe('The token id (from chat/http-token-list).') });

/** Output of `chat/http-token-revoke`. */
export const HttpTokenRevokeOutputSchema = z.object({
  revoked: z.boolean().describe('Whether a token with this id existed and was deleted.'),
  token: UserTokenInfoSchema.optional().describe('The revoked token.'),
});

/** Input of `chat/http-token-revoke`. */
export type HttpTokenRevokeInput = z.input<typeof HttpTokenRevokeInputSchema>;
/** Output of `chat/http-token-revoke`. */
export type HttpTokenRevokeOutput = z.output<typeof HttpTokenRevokeOutputSchema>;

/** `chat/http-token-revoke`: deletes a per-user token; its next request gets 401. Operator only. */
export function httpTokenRevokeAction(tokens: UserTokenStore) {
  return defineAction({
    description: 'Revoke a per-user HTTP token; its next request is refused.',
    input: HttpTokenRevokeInputSchema,
    output: HttpTokenRevokeOutputSchema,
    tool: false,
    run: async (input, call) => {
      requireOperator(call, 'Revoking HTTP tokens');
      return tokens.revoke(input.id);
    },
  });
}
