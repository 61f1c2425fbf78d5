import { DowncityError, ErrorCodes, type ActionCall } from '@downcity/core';

/**
 * Lets an action run only for the operator: the host app or the CLI, calling without a principal. Credentials
 * are never managed on a chat user's behalf, whatever their role.
 *
 * @throws `DowncityError` `DENIED` for a call made on behalf of a principal.
 */
export function requireOperator(call: ActionCall, what: string): void {
  if (call.principal === undefined) return;
  throw new DowncityError(ErrorCodes.DENIED, `${what} is for the operator only (the CLI or the host app), not on behalf of ${call.principal.id}.`, {
    details: { principalId: call.principal.id },
  });
}
