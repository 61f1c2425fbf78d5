/** Who a sandboxed command runs as, and how the agent gets it there. */
export interface SandboxUser {
  /** The uid the command has inside the sandbox (the configured `sandboxUid`). */
  uid: number;
  /** The gid the command has inside the sandbox (the configured `sandboxGid`). */
  gid: number;
  /**
   * Set when the agent runs as root: bubblewrap (or, without a sandbox, the command) is started
   * as this host uid and gid with no supplementary groups, so nothing in the sandbox is host root.
   * Unset when the agent already runs unprivileged: the command then runs as the agent's own uid.
   */
  spawnAs?: { uid: number; gid: number };
}

/**
 * Decides who sandboxed commands run as. As root, the agent starts bubblewrap as the sandbox uid:
 * a user namespace whose uid maps to host root still passes every permission check as host root
 * (for example writes to `/proc/sys`), so bubblewrap itself must not run as root.
 *
 * @param options - the configured sandbox uid and gid, and the agent's own uid (`process.getuid()`)
 * @returns the ids inside the sandbox, and the host ids to start it as when the agent is root
 */
export function resolveSandboxUser(options: { sandboxUid: number; sandboxGid: number; processUid?: number | undefined }): SandboxUser {
  const { sandboxUid: uid, sandboxGid: gid } = options;
  const processUid = 'processUid' in options ? options.processUid : process.getuid?.();
  return processUid === 0 ? { uid, gid, spawnAs: { uid, gid } } : { uid, gid };
}
