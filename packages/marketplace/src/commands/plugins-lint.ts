import path from 'node:path';
import { ErrorCodes } from '@downcity/core';
import { FailureReasons } from '../errors/failure-reasons.js';
import { lintPackage, type LintReport } from '../operations/lint-package.js';
import { PluginExitCodes, toCommandResult, type CommandResult } from './command-result.js';

/** Input of `downcity plugins lint [dir]`. */
export interface PluginsLintInput {
  /** The working directory. */
  cwd: string;
  /** The package folder, relative to `cwd` (default `cwd`). */
  dir?: string;
}

/** `downcity plugins lint`: checks a package before publishing. Exit 3 (with the report as data) when it has errors. */
export async function pluginsLint(input: PluginsLintInput): Promise<CommandResult<LintReport>> {
  const result = await toCommandResult(() => lintPackage({ dir: path.resolve(input.cwd, input.dir ?? '.') }));
  if (!result.ok || result.data.ok) return result;
  const errors = result.data.problems.filter((problem) => problem.severity === 'error');
  return {
    ok: false,
    exitCode: PluginExitCodes.invalidConfig,
    data: result.data,
    error: {
      code: ErrorCodes.MANIFEST_INVALID,
      message: `${result.data.name ?? 'The package'} is not ready to publish:\n${errors.map((problem) => `  - ${problem.field}: ${problem.message}`).join('\n')}`, details: { reason: FailureReasons.lintFailed, problems: result.data.problems },
    },
  };
}
