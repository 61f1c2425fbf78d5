import { DowncityError, ErrorCodes, type ActionCall } from '@downcity/core';
import { Permissions, roleCan } from '../access/permissions.js';
import { resolveIdentity } from '../access/resolve-identity.js';
import type { AuthState } from '../auth-state.js';

/**
 * Lets an auth action run only for the operator or a manager: a call without a principal comes from
 * the host app or the CLI; a call on someone's behalf (a chat command) needs a role with the `auth`
 * permission (owners by default). Returns who acts, for the record: the principal id or the caller.
 *
 * @throws `DowncityError` `DENIED` when the principal may not manage access.
 */
export async function requireManager(state: AuthState, call: ActionCall): Promise<string> {
  const principal = call.principal;
  if (!principal) return call.caller;
  const identity = await resolveIdentity({ config: state.config, grants: state.grants, shared: state.shared, principal });
  if (roleCan({ roles: state.config.roles, role: identity.role, permission: Permissions.auth })) return principal.id;
  throw new DowncityError(ErrorCodes.DENIED, `${principal.id} (role ${identity.role}) may not manage access: that needs a role with the "auth" permission (owners by default).`, {
    details: { principalId: principal.id, role: identity.role },
  });
}
