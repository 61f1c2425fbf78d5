import { backUpFiles } from './file-backup.js';
import { runPackageManager } from './run-package-manager.js';
import type { Project } from './read-project.js';
import type { RegistrySettings } from '../registry/registry-settings.js';
import { DowncityError, toDowncityError } from '@downcity/core';

/** Options for {@link changeProject}. */
export interface ChangeProjectOptions<Result> {
  /** The project. */
  project: Project;
  /** Registry settings for the package manager. */
  settings: RegistrySettings;
  /** The change: installs, config writes. */
  run(): Promise<Result>;
}

/**
 * Runs a change to a project as all-or-nothing: package.json, the lockfile and the config file are
 * backed up byte for byte; if the change fails they are put back and the package manager re-syncs
 * node_modules with them, so nothing is left half-installed. The error says what was restored.
 */
export async function changeProject<Result>(options: ChangeProjectOptions<Result>): Promise<Result> {
  const { project } = options;
  const files = [project.packageJsonFile, project.packageManager.lockfile, ...(project.configFile ? [project.configFile] : [])];
  const backup = await backUpFiles(files);
  try {
    return await options.run();
  } catch (error) {
    let cleanup = 'package.json, the lockfile and the config were restored and node_modules re-synced';
    await backup.restore();
    try {
      await runPackageManager({ project, settings: options.settings, action: { kind: 'sync' } });
    } catch (syncError) {
      cleanup = `package.json, the lockfile and the config were restored, but re-syncing node_modules failed (${(syncError as Error).message.split('\n')[0]}); run ${project.packageManager.name} install`;
    }
    await backup.restore();
    const failure = toDowncityError(error);
    throw new DowncityError(failure.code, `${failure.message}\nNothing was changed: ${cleanup}.`, {
      cause: error,
      details: { ...failure.details, restored: true },
    });
  }
}
