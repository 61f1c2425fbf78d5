import { DowncityError, ErrorCodes, defineAction, registerSecret } from '@downcity/core';
import { z } from 'zod';
import { HttpUserIdSchema } from '../channels/http/credentials/user-id.js';
import { UserTokenInfoSchema, type UserTokenStore } from '../channels/http/credentials/user-token-store.js';
import type { ChatRuntime } from '../service/chat-runtime.js';
import { requireOperator } from './require-operator.js';

/** Input of `chat/http-token-create`. */
export const HttpTokenCreateInputSchema = z.strictObject({
  user: HttpUserIdSchema.describe('The user the token speaks as; its requests run as principal "http:<user>".'),
  displayName: z.string().min(1).max(200).optional().describe('The display name its messages carry. Not an identity.'),
});

/** Output of `chat/http-token-create`. */
export const HttpTokenCreateOutputSchema = z.object({
  token: z.string().describe('The bearer token. Shown this once: only its SHA-256 digest is stored.'),
  info: UserTokenInfoSchema,
});

/** Input of `chat/http-token-create`. */
export type HttpTokenCreateInput = z.input<typeof HttpTokenCreateInputSchema>;
/** Output of `chat/http-token-create`. */
export type HttpTokenCreateOutput = z.output<typeof HttpTokenCreateOutputSchema>;

/** `chat/http-token-create`: a new per-user bearer token for the HTTP channel. Operator only. */
export function httpTokenCreateAction(runtime: ChatRuntime, tokens: UserTokenStore) {
  return defineAction({
    description: 'Create a per-user bearer token for the HTTP channel; the token is returned once.',
    input: HttpTokenCreateInputSchema,
    output: HttpTokenCreateOutputSchema,
    tool: false,
    run: async (input, call) => {
      requireOperator(call, 'Creating HTTP tokens');
      const principalId = `http:${input.user}`;
      if (runtime.hub.describe().some((channel) => channel.sharedPrincipals.includes(principalId))) {
        throw new DowncityError(ErrorCodes.INPUT_INVALID, `${principalId} is the shared token's principal (services.chat.channels.http.sharedUser); give this user another id.`);
      }
      const created = await tokens.create({ user: input.user, createdBy: call.caller, ...(input.displayName === undefined ? {} : { displayName: input.displayName }) });
      // Redacted from this process's logs and errors from now on, should it ever reach one.
      registerSecret(created.token);
      return created;
    },
  });
}
