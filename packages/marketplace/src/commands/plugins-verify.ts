import { ErrorCodes } from '@downcity/core';
import { FailureReasons } from '../errors/failure-reasons.js';
import { verifyPlugin, type VerifyReport } from '../operations/verify-plugin.js';
import { PluginExitCodes, toCommandResult, type CommandInput, type CommandResult } from './command-result.js';

/** Input of `downcity plugins verify <name>`. */
export interface PluginsVerifyInput extends CommandInput {
  /** The package name. */
  name: string;
}

/** `downcity plugins verify`: integrity, installed files, manifest, dry-run load. Exit 1 (with the report as data) when a check fails. */
export async function pluginsVerify(input: PluginsVerifyInput): Promise<CommandResult<VerifyReport>> {
  const result = await toCommandResult(() => verifyPlugin({ projectDir: input.cwd, name: input.name, registry: input.registry, env: input.env }));
  if (!result.ok || result.data.ok) return result;
  const failed = result.data.checks.filter((check) => !check.ok);
  return {
    ok: false,
    exitCode: PluginExitCodes.failure,
    data: result.data,
    error: {
      code: ErrorCodes.INPUT_INVALID,
      message: `${input.name}@${result.data.version} failed verification:\n${failed.map((check) => `  - ${check.check}: ${check.message}`).join('\n')}`, details: { reason: FailureReasons.verifyFailed, failed: failed.map((check) => check.check) },
    },
  };
}
