import path from 'node:path';
import { PACKAGE_MANAGERS, type PackageManagerChoice } from '../choices/choices.js';
import { parseChoice } from '../choices/parse-choice-list.js';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';
import type { CliIo } from './cli-io.js';
import { detectPackageManager } from './detect-package-manager.js';
import type { RawArguments } from './parse-arguments.js';

/** The settings every mode shares. */
export interface CommonSettings {
  /** Whether to ask questions. */
  interactive: boolean;
  packageManager: PackageManagerChoice;
  install: boolean;
  force: boolean;
  localPackages: string | undefined;
}

/**
 * Resolves the shared flags and decides whether to prompt: only on a terminal and without `--yes`.
 *
 * @param raw - the parsed flags
 * @param io - the process facts
 * @throws CreateDowncityError `NOT_INTERACTIVE` when stdin is not a terminal and `--yes` is missing
 */
export function resolveCommon(raw: RawArguments, io: CliIo, example: string): CommonSettings {
  if (!raw.yes && io.stdin.isTTY !== true) {
    throw new CreateDowncityError(
      CreateErrorCodes.NOT_INTERACTIVE,
      `stdin is not a terminal, so create-downcity cannot ask its questions. Pass --yes to use the flags and defaults, e.g. ${example}`,
    );
  }
  const local = raw.local ?? io.env.DOWNCITY_LOCAL_PACKAGES;
  return {
    interactive: !raw.yes,
    packageManager: raw.packageManager === undefined ? detectPackageManager(io.env) : parseChoice(raw.packageManager, PACKAGE_MANAGERS, '--package-manager'),
    install: !raw.noInstall,
    force: raw.force,
    localPackages: local ? path.resolve(io.cwd, local) : undefined,
  };
}

/**
 * Refuses flags that belong to the other mode, so a typo does not silently do nothing.
 *
 * @param raw - the parsed flags
 * @param flags - the flags to refuse, by property and spelling
 * @param mode - what the user asked for, for the message
 */
export function refuseFlags(raw: RawArguments, flags: readonly (readonly [keyof RawArguments, string])[], mode: string): void {
  for (const [key, flag] of flags) {
    if (raw[key] !== undefined && raw[key] !== false) throw new CreateDowncityError(CreateErrorCodes.USAGE, `${flag} does not apply to ${mode}. Run create-downcity --help for the flags.`);
  }
}
