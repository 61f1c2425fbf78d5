import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** Where agents running as root keep workspaces their data folder cannot hold. */
export const ROOT_WORKSPACES_DIRECTORY = '/var/lib/downcity/workspaces';

/**
 * The workspace folder of an agent running as root whose data folder the sandbox uid cannot reach (it
 * lies under `/root` or another directory closed to other users): one folder per data folder under
 * {@link ROOT_WORKSPACES_DIRECTORY}, named by a hash of the data folder's real path, so two agents on one
 * host never share one and the same agent finds its own again after a restart.
 *
 * @param dataDir - the agent's data folder
 */
export function rootFallbackWorkspace(dataDir: string): string {
  let path = resolve(dataDir);
  try {
    path = realpathSync(path);
  } catch {
    // Not created yet: the resolved path names it as well.
  }
  return join(ROOT_WORKSPACES_DIRECTORY, createHash('sha256').update(path).digest('hex').slice(0, 24));
}

/**
 * Creates `/var/lib/downcity` and its `workspaces` folder, owned by root with mode 0711: anyone may pass
 * through, nobody but root may list them, so a sandbox reaches its own workspace and cannot find others'.
 */
export async function prepareRootWorkspacesDirectory(): Promise<void> {
  const top = dirname(ROOT_WORKSPACES_DIRECTORY);
  for (const directory of [top, ROOT_WORKSPACES_DIRECTORY]) {
    await mkdir(directory, { recursive: true, mode: 0o711 });
    await chmod(directory, 0o711);
  }
}
