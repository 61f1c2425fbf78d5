import { DowncityError, ErrorCodes } from '@downcity/core';
import type { CallerIdentity } from './caller-identity.js';
import type { ResolvedScope } from './resolve-scope.js';

/**
 * Refuses a model's write to the shared agent scope unless `modelWritesAgentScope` is on: what
 * one user tells the model must not become a "fact" every other user is shown.
 */
export function checkWriteAccess(scope: ResolvedScope, identity: CallerIdentity, options: { modelWritesAgentScope: boolean }): void {
  if (scope.level !== 'agent' || identity.caller !== 'model' || options.modelWritesAgentScope) return;
  throw new DowncityError(
    ErrorCodes.DENIED,
    'Shared agent memory is read-only for the model. Remember this with scope "user" (only this user) or "session" instead; the agent owner can enable services.memory.modelWritesAgentScope.',
    { details: { scope: scope.level } },
  );
}
