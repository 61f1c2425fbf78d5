import type { ChildProcess } from 'node:child_process';

/**
 * Kills a detached child and every process in its process group with SIGKILL. A bwrap
 * sandbox dies with its whole PID namespace, so nothing it started survives.
 *
 * @param child - a child spawned with `detached: true`
 */
export function killProcessGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
