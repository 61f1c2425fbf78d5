import { spawn } from 'node:child_process';
import type { PackageManagerChoice } from '../choices/choices.js';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';

/** Options for {@link installDependencies}. */
export interface InstallOptions {
  /** The project folder. */
  directory: string;
  /** The package manager to run. */
  packageManager: PackageManagerChoice;
  /** `inherit` shows the package manager's own progress; `pipe` hands each chunk to `onOutput`. Default `pipe`. */
  output?: 'inherit' | 'pipe';
  /** Receives the package manager's output when `output` is `pipe`. */
  onOutput?: (chunk: string) => void;
  /** Aborts the install (the child process is killed). */
  signal?: AbortSignal;
}

/**
 * Runs `<package manager> install` in the project folder.
 *
 * @param options - where and with what to install
 * @throws CreateDowncityError with code `INSTALL_FAILED`, saying which command to run to finish
 */
export function installDependencies(options: InstallOptions): Promise<void> {
  const command = options.packageManager;
  const args = ['install'];
  const retry = `cd ${JSON.stringify(options.directory)} && ${command} install`;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.directory,
      stdio: options.output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const forward = (chunk: Buffer): void => options.onOutput?.(chunk.toString('utf8'));
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.once('error', (error) => {
      reject(
        new CreateDowncityError(CreateErrorCodes.INSTALL_FAILED, `Could not run "${command} install": ${error.message}. Install ${command}, then finish with: ${retry}`, {
          cause: error,
          details: { command: retry },
        }),
      );
    });
    child.once('close', (code, signal) => {
      if (code === 0) return resolve();
      const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      reject(
        new CreateDowncityError(CreateErrorCodes.INSTALL_FAILED, `"${command} install" ${how}. The project files are written; finish with: ${retry}`, {
          details: { command: retry, exitCode: code },
        }),
      );
    });
  });
}
