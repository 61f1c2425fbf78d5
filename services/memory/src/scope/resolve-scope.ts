import { DowncityError, ErrorCodes } from '@downcity/core';
import type { CallerIdentity } from './caller-identity.js';
import type { ScopeLevel } from './scope-level.js';

/** A scope level resolved against a caller's own identity. */
export interface ResolvedScope {
  /** The level. */
  level: ScopeLevel;
  /** The storage key: `agent`, `user:<principal id>` or `session:<session id>` (ids URI-encoded, so a key never contains `#`). */
  key: string;
}

const levels: readonly ScopeLevel[] = ['agent', 'user', 'session'];

/** The key of `level` for `identity`, or `undefined` when the identity has no such scope (no principal, no session). */
function keyOf(level: ScopeLevel, identity: CallerIdentity): string | undefined {
  if (level === 'agent') return 'agent';
  if (level === 'user') return identity.principal?.id ? `user:${encodeURIComponent(identity.principal.id)}` : undefined;
  return identity.sessionId ? `session:${encodeURIComponent(identity.sessionId)}` : undefined;
}

/** Every scope the identity can reach, widest first. */
export function reachableScopes(identity: CallerIdentity): ResolvedScope[] {
  return levels.flatMap((level) => {
    const key = keyOf(level, identity);
    return key === undefined ? [] : [{ level, key }];
  });
}

/** The scope used when a caller names none: the user when known, else the session, else the agent. */
export function defaultScopeLevel(identity: CallerIdentity): ScopeLevel {
  if (identity.principal?.id) return 'user';
  return identity.sessionId ? 'session' : 'agent';
}

/** Resolves `level` (or the default) against the caller's identity; throws when the caller has no such scope. */
export function resolveScope(level: ScopeLevel | undefined, identity: CallerIdentity): ResolvedScope {
  const chosen = level ?? defaultScopeLevel(identity);
  const key = keyOf(chosen, identity);
  if (key === undefined) {
    const needs = chosen === 'user' ? 'a principal (the user the call runs for)' : 'a session id';
    throw new DowncityError(
      ErrorCodes.INPUT_INVALID,
      `Memory scope "${chosen}" needs ${needs}, and this call has none. Invoke with ${chosen === 'user' ? '{ principal }' : '{ sessionId }'}, or use scope "agent".`,
      { details: { scope: chosen } },
    );
  }
  return { level: chosen, key };
}

/** The level of a stored scope key. */
export function levelOfKey(key: string): ScopeLevel {
  if (key.startsWith('user:')) return 'user';
  if (key.startsWith('session:')) return 'session';
  return 'agent';
}
