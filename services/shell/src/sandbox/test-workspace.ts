import { chownSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SANDBOX_ID } from './sandbox-config.js';
import { resolveSandboxUser } from './sandbox-user.js';

/**
 * A throwaway workspace directory for tests, removed on dispose. When the tests run as root it
 * belongs to the default sandbox uid and gid, as the service's workspaces do.
 *
 * @returns the real path of the new directory and its disposer
 */
export function createTestWorkspace(): { path: string; [Symbol.dispose](): void } {
  const path = realpathSync(mkdtempSync(join(tmpdir(), 'downcity-shell-')));
  const { spawnAs } = resolveSandboxUser({ sandboxUid: DEFAULT_SANDBOX_ID, sandboxGid: DEFAULT_SANDBOX_ID });
  if (spawnAs) chownSync(path, spawnAs.uid, spawnAs.gid);
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}
