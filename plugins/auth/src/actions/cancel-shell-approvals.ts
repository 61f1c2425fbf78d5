import { DowncityError, ErrorCodes, type ExecutionContext, type InvokeOptions } from '@downcity/core';
import { z } from 'zod';

/** `context.invoke` without the compile-time action names: the shell service is optional, so its types are not imported. */
type LooseInvoke = (name: string, input: unknown, options?: InvokeOptions) => Promise<unknown>;

/** The part of `shell/cancel-pending`'s output read here. */
const CancelPendingOutputSchema = z.object({ cancelled: z.array(z.string()) });

/** Cancels a principal's pending shell commands; resolves with how many, or `undefined` without the shell service. */
export type CancelShellApprovals = (principalId: string, reason: string) => Promise<number | undefined>;

/**
 * Creates the function `auth/revoke` uses to withdraw a revoked principal's pending shell commands
 * through the shell service's `shell/cancel-pending`, called by name so auth works without the
 * shell service. Failures are logged, never thrown: the shell service also checks a pending
 * command's requester again before listing or running it, so a revoke holds either way.
 *
 * @param context - the plugin's execution context
 */
export function cancelShellApprovals(context: Pick<ExecutionContext, 'invoke' | 'logger'>): CancelShellApprovals {
  const invoke = context.invoke as unknown as LooseInvoke;
  return async (principalId, reason) => {
    try {
      return CancelPendingOutputSchema.parse(await invoke('shell/cancel-pending', { principalId, reason })).cancelled.length;
    } catch (error) {
      if (DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN)) return undefined;
      context.logger.warn({ err: error, principalId }, 'could not cancel the revoked principal\'s pending shell commands; the shell service will refuse them when they are answered');
      return undefined;
    }
  };
}
