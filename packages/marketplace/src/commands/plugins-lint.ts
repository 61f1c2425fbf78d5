import path from 'node:path';
import { ErrorCodes } from '@downcity/core';
import { FailureReasons } from '../errors/failure-reasons.js';
import type { LintReport } from '../lint/lint-codes.js';
import { lintPackage } from '../operations/lint-package.js';
import { PluginExitCodes, toCommandResult, type CommandResult } from './command-result.js';

/** Input of `downcity plugins lint [dir]`. */
export interface PluginsLintInput {
  /** The working directory. */
  cwd: string;
  /** The package folder, relative to `cwd` (default `cwd`). */
  dir?: string;
  /** The core version the peer range must accept (default: the running `@downcity/core`). */
  coreVersion?: string;
  /** `false` (`--no-load`): lint package.json and the folder only, without importing the built entry. */
  loadEntry?: boolean;
  /** The environment of the entry's dry-run import (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/** `downcity plugins lint`: checks a package before publishing. Exit 3 (with the report as data) when it has errors. */
export async function pluginsLint(input: PluginsLintInput): Promise<CommandResult<LintReport>> {
  const dir = path.resolve(input.cwd, input.dir ?? '.');
  const result = await toCommandResult(() => lintPackage({ dir, coreVersion: input.coreVersion, loadEntry: input.loadEntry, env: input.env }));
  if (!result.ok || result.data.ok) return result;
  const errors = result.data.problems.filter((problem) => problem.severity === 'error');
  const lines = errors.map((problem) => `  - ${problem.code}${problem.field ? ` (${problem.field})` : ''}: ${problem.message}`);
  return {
    ok: false,
    exitCode: PluginExitCodes.invalidConfig,
    data: result.data,
    error: {
      code: ErrorCodes.MANIFEST_INVALID,
      message: `${result.data.name ?? dir} is not ready to publish:\n${lines.join('\n')}`,
      details: { reason: FailureReasons.lintFailed, codes: errors.map((problem) => problem.code) },
    },
  };
}
