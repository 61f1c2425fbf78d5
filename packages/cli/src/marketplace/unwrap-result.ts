import type { CommandResult } from '@downcity/marketplace';
import { CliError } from '../cli/cli-error.js';
import type { ExitCode } from '../cli/exit-codes.js';

/** Options for {@link unwrapResult}. */
export interface UnwrapResultOptions {
  /** A line saying what to do next, for a failure with this marketplace reason. */
  hints?: Record<string, string>;
}

/**
 * The data of a successful marketplace command, or a {@link CliError} carrying its exit code, error
 * code, message and details (so `--json` shows them as `{ "error": ... }`).
 */
export function unwrapResult<Data>(result: CommandResult<Data>, options: UnwrapResultOptions = {}): Data {
  if (result.ok) return result.data;
  const reason = typeof result.error.details.reason === 'string' ? result.error.details.reason : undefined;
  const hint = reason ? options.hints?.[reason] : undefined;
  throw new CliError(result.exitCode as ExitCode, result.error.message, { code: result.error.code, details: result.error.details, ...(hint ? { hint } : {}) });
}
