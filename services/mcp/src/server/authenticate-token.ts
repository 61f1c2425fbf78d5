import type { ExecutionContext, Principal } from '@downcity/core';
import { HttpProblem } from '@downcity/http';
import { z } from 'zod';

/** The action of `@downcity/chat` that tells which per-user token a bearer token is. */
export const VERIFY_ACTION = 'chat/http-token-verify';

const VerifiedSchema = z.object({
  token: z.object({ principalId: z.string().min(1), displayName: z.string().optional() }).optional(),
});

/** What a request without a credential is told. */
export const MISSING_TOKEN =
  'Missing bearer token: send "Authorization: Bearer <token>" with a per-user token from the agent\'s operator (downcity auth token create <user>).';

/**
 * The principal a bearer token speaks as: a live per-user token of the chat service (`downcity auth token
 * create <user>`, the HTTP channel's tokens) is `http:<user>`, authenticated by a user credential. The store is
 * read on every request, so a revoked token fails on the next one.
 *
 * @throws a 401 `HttpProblem` for an unknown, revoked or malformed token.
 */
export async function principalOfToken(context: Pick<ExecutionContext, 'invoke'>, token: string): Promise<Principal> {
  // Called by name: @downcity/mcp does not depend on @downcity/chat; its answer is checked here instead.
  const invoke = context.invoke as (name: string, input: unknown) => Promise<unknown>;
  const verified = VerifiedSchema.parse(await invoke(VERIFY_ACTION, { token }));
  if (!verified.token) throw new HttpProblem({ status: 401, code: 'UNAUTHORIZED', message: 'Unknown or revoked token. Ask the operator for a new one (downcity auth token create <user>).' });
  const { principalId, displayName } = verified.token;
  return { id: principalId, channel: 'mcp', authenticatedBy: 'user-credential', ...(displayName === undefined ? {} : { displayName }) };
}
