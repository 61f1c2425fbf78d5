import type { PackageManagerChoice } from '../choices/choices.js';
import { checkTargetFolder } from '../files/check-target-folder.js';
import type { GeneratedFile } from '../files/generated-file.js';
import { writeFiles } from '../files/write-files.js';
import { installDependencies } from '../install/install-dependencies.js';
import type { GeneratorHooks, GeneratorResult } from './progress.js';

/** Where and how a generator writes. */
export interface GenerateTarget {
  /** The folder, absolute. */
  directory: string;
  /** Whether a non-empty folder is allowed. */
  force: boolean;
  /** Whether to install dependencies afterwards. */
  install: boolean;
  /** The package manager that installs. */
  packageManager: PackageManagerChoice;
}

/**
 * The steps every generator shares: check the folder, render the files, write them (never replacing one),
 * then install dependencies.
 *
 * @param target - where and how to write
 * @param render - renders the files (after the folder check, so a refused folder costs nothing)
 * @param hooks - progress and install output
 */
export async function generate(target: GenerateTarget, render: () => Promise<GeneratedFile[]>, hooks: GeneratorHooks): Promise<GeneratorResult> {
  hooks.onProgress?.({ step: 'check', message: `Checking ${target.directory}` });
  await checkTargetFolder(target.directory, { force: target.force });
  const files = await render();
  hooks.onProgress?.({ step: 'write', message: `Writing ${files.length} files` });
  const { written, kept } = await writeFiles(target.directory, files);
  const result: GeneratorResult = { directory: target.directory, written, kept, installed: false };
  if (!target.install) return result;
  hooks.onProgress?.({ step: 'install', message: `Installing dependencies with ${target.packageManager} (this can take a minute)` });
  await installDependencies({
    directory: target.directory,
    packageManager: target.packageManager,
    output: hooks.installOutput ?? 'pipe',
    ...(hooks.onInstallOutput ? { onOutput: hooks.onInstallOutput } : {}),
  });
  return { ...result, installed: true };
}
