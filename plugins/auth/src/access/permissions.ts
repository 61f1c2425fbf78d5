import type { AuthConfig, AuthRole } from '../config.js';

/** The permissions auth itself checks. Other packages may ask about their own names through the roles map. */
export const Permissions = {
  /** Talk to the agent in chat. */
  chat: 'chat',
  /** Run shell commands (`shell/before-exec`). */
  shell: 'shell',
  /** Own or trigger task runs (`task/before-run`). */
  task: 'task',
  /** Manage access: approve pairing codes, grant and revoke from chat. */
  auth: 'auth',
} as const;

/** Whether `role` has `permission` under the configured roles map (`*` grants everything). */
export function roleCan(options: { roles: AuthConfig['roles']; role: AuthRole; permission: string }): boolean {
  const granted = options.roles[options.role];
  return granted.includes('*') || granted.includes(options.permission);
}
