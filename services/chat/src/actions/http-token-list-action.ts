import { defineAction } from '@downcity/core';
import { z } from 'zod';
import { UserTokenInfoSchema, type UserTokenStore } from '../channels/http/credentials/user-token-store.js';
import { requireOperator } from './require-operator.js';

/** Input of `chat/http-token-list`: nothing. */
export const HttpTokenListInputSchema = z.strictObject({});

/** Output of `chat/http-token-list`. */
export const HttpTokenListOutputSchema = z.object({ tokens: z.array(UserTokenInfoSchema).describe('Every per-user token, oldest first; never the secrets.') });

/** Input of `chat/http-token-list`. */
export type HttpTokenListInput = z.input<typeof HttpTokenListInputSchema>;
/** Output of `chat/http-token-list`. */
export type HttpTokenListOutput = z.output<typeof HttpTokenListOutputSchema>;

/** `chat/http-token-list`: the per-user HTTP tokens (ids, users, dates; never secrets). Operator only. */
export function httpTokenListAction(tokens: UserTokenStore) {
  return defineAction({
    description: 'List the per-user HTTP tokens (never their secrets).',
    input: HttpTokenListInputSchema,
    output: HttpTokenListOutputSchema,
    tool: false,
    run: async (_input, call) => {
      requireOperator(call, 'Listing HTTP tokens');
      return { tokens: await tokens.list() };
    },
  });
}
