import type { Principal } from '@downcity/core';
import { Permissions, roleCan } from '../access/permissions.js';
import { resolveIdentity } from '../access/resolve-identity.js';
import type { AuthConfig } from '../config.js';
import type { GrantStore } from '../grants/grant-store.js';
import type { Guard } from './fail-closed.js';

/** The part of the task service's `task/before-run` input this guard reads. */
export interface TaskRunRequest {
  /** The task; `owner` is the principal that created it, when any. */
  task: { id: string; owner?: Principal };
  /** Who the run acts for: the owner, or whoever triggered it manually. */
  principal?: Principal;
}

/**
 * Creates the `task/before-run` guard: the task's owner and the principal the run acts for (when
 * different) each need a role with the `task` permission at the moment the run starts, so revoking
 * an owner stops their scheduled tasks. Tasks with neither (from the config) run only when
 * `allowWithoutPrincipal`.
 */
export function createTaskGuard(options: { config: AuthConfig; grants: GrantStore; shared: ReadonlySet<string> }): Guard<TaskRunRequest> {
  const { config, grants, shared } = options;
  return async (request) => {
    const principals = [request.task.owner, request.principal].filter((principal): principal is Principal => principal !== undefined);
    const distinct = [...new Map(principals.map((principal) => [principal.id, principal])).values()];
    if (distinct.length === 0) {
      return config.allowWithoutPrincipal ? { allow: true } : { allow: false, reason: 'task runs without an owner are not allowed (plugins.auth.allowWithoutPrincipal is false)' };
    }
    for (const principal of distinct) {
      const identity = await resolveIdentity({ config, grants, shared, principal });
      if (!roleCan({ roles: config.roles, role: identity.role, permission: Permissions.task })) {
        return { allow: false, reason: `task "${request.task.id}" acts for ${principal.id} (role ${identity.role}), who lacks the "task" permission` };
      }
    }
    return { allow: true };
  };
}
