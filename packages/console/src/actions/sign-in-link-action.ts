import { defineAction, DowncityError, ErrorCodes } from '@downcity/core';
import { z } from 'zod';
import type { SignInLinks } from '../auth/sign-in-links.js';

/** Input of `console/sign-in-link`: nothing. */
export const SignInLinkInputSchema = z.object({}).strict();

/** Output of `console/sign-in-link`. */
export const SignInLinkOutputSchema = z.object({
  url: z.string().describe('The one-time sign-in link; it works once.'),
  expiresAt: z.iso.datetime().describe('When the link stops working.'),
});

/** Input of `console/sign-in-link`. */
export type SignInLinkInput = z.input<typeof SignInLinkInputSchema>;
/** Output of `console/sign-in-link`. */
export type SignInLinkOutput = z.output<typeof SignInLinkOutputSchema>;

/** What the action needs: the links and where the console is served (undefined until it is mounted). */
export interface SignInLinkRuntime {
  /** The one-time links. */
  links: SignInLinks;
  /** The console's address, e.g. `http://127.0.0.1:8787/console`. */
  consoleUrl: () => string | undefined;
}

/**
 * `console/sign-in-link`: a one-time link that signs a browser in to the console. Operator only (the CLI over
 * the control socket, or the host app): a call on behalf of a chat user is denied, so the model or a chat
 * command can never hand out console access.
 */
export function signInLinkAction(runtime: SignInLinkRuntime) {
  return defineAction({
    description: 'Create a one-time sign-in link to the web console (operator only).',
    input: SignInLinkInputSchema,
    output: SignInLinkOutputSchema,
    tool: false,
    run: (_input, call) => {
      if (call.principal !== undefined) throw new DowncityError(ErrorCodes.DENIED, `Console sign-in links are for the operator only (the CLI or the host app), not for ${call.principal.id}.`);
      const base = runtime.consoleUrl();
      if (base === undefined) throw new DowncityError(ErrorCodes.AGENT_STATE, 'The console is not being served: the agent has no HTTP surface (start it with `downcity start`).');
      const { token, expiresAt } = runtime.links.issue();
      return { url: `${base}/sign-in?token=${token}`, expiresAt: new Date(expiresAt).toISOString() };
    },
  });
}
