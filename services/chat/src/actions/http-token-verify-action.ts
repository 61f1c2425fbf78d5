import { defineAction } from '@downcity/core';
import { z } from 'zod';
import { UserTokenInfoSchema, type UserTokenStore } from '../channels/http/credentials/user-token-store.js';
import { requireOperator } from './require-operator.js';

/** Input of `chat/http-token-verify`. */
export const HttpTokenVerifyInputSchema = z.strictObject({ token: z.string().min(1).max(512).describe('A bearer token a request presented.') });

/** Output of `chat/http-token-verify`. */
export const HttpTokenVerifyOutputSchema = z.object({
  token: UserTokenInfoSchema.optional().describe('The live per-user token it is (its principal is `principalId`); absent for an unknown, revoked or malformed token.'),
});

/** Input of `chat/http-token-verify`. */
export type HttpTokenVerifyInput = z.input<typeof HttpTokenVerifyInputSchema>;
/** Output of `chat/http-token-verify`. */
export type HttpTokenVerifyOutput = z.output<typeof HttpTokenVerifyOutputSchema>;

/**
 * `chat/http-token-verify`: which per-user token (`downcity auth token create`) a bearer token is, so another
 * HTTP endpoint of the agent (the MCP server) authenticates with the same tokens and principals as the HTTP
 * channel instead of a token system of its own. Reads the store on every call, so a revoke applies at once.
 * Operator only (a package or the host, never on a chat user's behalf).
 */
export function httpTokenVerifyAction(tokens: UserTokenStore) {
  return defineAction({
    description: 'Tell which live per-user HTTP token a bearer token is (its user and principal), or nothing.',
    input: HttpTokenVerifyInputSchema,
    output: HttpTokenVerifyOutputSchema,
    tool: false,
    run: async (input, call) => {
      requireOperator(call, 'Verifying HTTP tokens');
      const token = await tokens.verify(input.token);
      return token ? { token } : {};
    },
  });
}
