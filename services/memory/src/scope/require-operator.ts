import { DowncityError, ErrorCodes, type ActionCall } from '@downcity/core';

/**
 * Lets an action run only for the operator: a call made on nobody's behalf (no principal) by the host app, the CLI
 * or a package such as the web console; never the model, never a chat user, whatever their role.
 *
 * @param call - the action call
 * @param what - the action, for the message
 * @throws `DowncityError` `DENIED` otherwise.
 */
export function requireOperator(call: ActionCall, what: string): void {
  if (call.principal === undefined && call.caller !== 'model') return;
  const who = call.principal === undefined ? 'the model' : call.principal.id;
  throw new DowncityError(ErrorCodes.DENIED, `${what} is for the operator only (the host app, the CLI or the console), not for ${who}.`, {
    details: { caller: call.caller, ...(call.principal ? { principalId: call.principal.id } : {}) },
  });
}
