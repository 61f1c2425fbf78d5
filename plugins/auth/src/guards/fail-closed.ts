import type { GuardVerdict, HandlerCall, Logger } from '@downcity/core';

/** A guard handler. */
export type Guard<Input> = (input: Input, call: HandlerCall) => Promise<GuardVerdict>;

/**
 * Wraps a guard so that it can only allow on an explicit `{ allow: true }`: a throw, a rejected
 * promise or a malformed verdict denies (logged with the cause). Core denies on a throw too; this
 * keeps auth fail-closed even where its handler is called directly.
 */
export function failClosed<Input>(options: { point: string; logger: Logger; guard: Guard<Input>; reply?: string }): Guard<Input> {
  const { point, logger, guard, reply } = options;
  return async (input, call) => {
    try {
      const verdict = await guard(input, call);
      if (verdict.allow === true) return { allow: true };
      return verdict.allow === false && typeof verdict.reason === 'string' ? verdict : { allow: false, reason: 'auth returned no verdict; denied' };
    } catch (error) {
      logger.error({ err: error, point }, 'auth could not decide; denying (fail closed)');
      return { allow: false, reason: 'auth could not check access (internal error); denied', ...(reply === undefined ? {} : { reply }) };
    }
  };
}
