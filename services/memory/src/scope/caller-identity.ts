import type { ActionCall, Principal } from '@downcity/core';

/**
 * Whom a memory operation runs as. It comes only from the action call (the principal and
 * session the agent attached), never from action input, so a model cannot name another user.
 */
export interface CallerIdentity {
  /** Who called: `model` for a tool call, `agent` for the host, or a package id. */
  caller: string;
  /** The principal on whose behalf the call runs, when known. */
  principal?: Principal;
  /** The session the call belongs to, when any. */
  sessionId?: string;
}

/** The identity of an action call. */
export function identityOfCall(call: ActionCall): CallerIdentity {
  return {
    caller: call.caller,
    ...(call.principal ? { principal: call.principal } : {}),
    ...(call.sessionId ? { sessionId: call.sessionId } : {}),
  };
}
