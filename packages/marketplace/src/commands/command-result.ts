import { DowncityError, ErrorCodes, toDowncityError } from '@downcity/core';
import { failureReasonOf } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';

/** The exit codes the plugin commands return; the same numbers as decision 0004's `downcity` exit codes. */
export const PluginExitCodes = {
  /** Success. */
  ok: 0,
  /** A runtime failure: the registry, the package manager, a failed verification. */
  failure: 1,
  /** Invalid config (no config file, no `use` array) or a package that fails lint. */
  invalidConfig: 3,
  /** Refused by the user or by a check (incompatible core, broken manifest, missing keyword, no confirmation). */
  refused: 6,
} as const;

/** One of {@link PluginExitCodes}. */
export type PluginExitCode = (typeof PluginExitCodes)[keyof typeof PluginExitCodes];

/** A failure as plain data for rendering or `--json`. */
export interface CommandError {
  /** The core error code. */
  code: string;
  /** What went wrong and what to do. */
  message: string;
  /** Structured details; `reason` holds the marketplace reason. */
  details: Record<string, unknown>;
}

/** What a plugin command returns: data to render and the exit code to use. Commands never throw. */
export type CommandResult<Data> =
  | { ok: true; exitCode: PluginExitCode; data: Data }
  | { ok: false; exitCode: PluginExitCode; error: CommandError; data?: Data };

/** Options every plugin command takes. */
export interface CommandInput {
  /** The project folder (the CLI's `--cwd`, else the working directory). */
  cwd: string;
  /** The registry URL (`--registry`), overriding env and `.npmrc`. */
  registry?: string;
  /** The environment (default `process.env`). */
  env?: Record<string, string | undefined>;
}

const REFUSING_REASONS: string[] = [
  FailureReasons.refused,
  FailureReasons.keywordMissing,
  FailureReasons.manifestInvalid,
  FailureReasons.coreIncompatible,
  FailureReasons.loadFailed,
];

/** The exit code for an error: refusals 6, config problems 3, anything else 1. */
export function exitCodeFor(error: unknown): PluginExitCode {
  const reason = failureReasonOf(error);
  if (reason && REFUSING_REASONS.includes(reason)) return PluginExitCodes.refused;
  if (DowncityError.is(error, ErrorCodes.CONFIG_INVALID)) return PluginExitCodes.invalidConfig;
  if (DowncityError.is(error, ErrorCodes.MANIFEST_INVALID) || DowncityError.is(error, ErrorCodes.VERSION_MISMATCH)) return PluginExitCodes.refused;
  return PluginExitCodes.failure;
}

/** Runs a command body, turning anything thrown into a failed {@link CommandResult}. */
export async function toCommandResult<Data>(body: () => Promise<Data>): Promise<CommandResult<Data>> {
  try {
    return { ok: true, exitCode: PluginExitCodes.ok, data: await body() };
  } catch (thrown) {
    const error = toDowncityError(thrown);
    return { ok: false, exitCode: exitCodeFor(error), error: error.toJSON() };
  }
}
