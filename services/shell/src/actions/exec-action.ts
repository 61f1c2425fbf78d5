import { defineAction } from '@downcity/core';
import { z } from 'zod';
import { argvSchema, cwdSchema, timeoutSchema } from '../service/command-input.js';
import type { ShellConfig } from '../service/config.js';
import { requestCommand } from '../service/request-command.js';
import type { ShellRuntime } from '../service/shell-runtime.js';
import { commandResultSchema } from './command-result.js';

/**
 * The input schema of `shell/exec`, with limits from the config.
 *
 * @param config - the service config
 */
export function execInputSchema(config: ShellConfig) {
  return z.object({ argv: argvSchema(config), cwd: cwdSchema.optional(), timeoutMs: timeoutSchema(config).optional() });
}

/** Input of `shell/exec`. */
export type ExecInput = z.input<ReturnType<typeof execInputSchema>>;

/**
 * `shell/exec`: runs one argv in the sandboxed workspace. A tool for the model.
 *
 * @param runtime - the shell service runtime
 */
export function execAction(runtime: ShellRuntime) {
  return defineAction({
    description:
      'Run a program in the workspace folder, sandboxed, without a shell: argv is the program and its arguments, e.g. ["ls", "-la"]. ' +
      'Use ["bash", "-c", "..."] only for pipes or redirections. The result is "ran" (exit code and output), "denied" (tell the user why), ' +
      'or "pending" (the user was asked to approve it; it has not run).',
    input: execInputSchema(runtime.config),
    output: commandResultSchema,
    tool: true,
    run: (input, call) =>
      requestCommand(runtime, {
        kind: 'exec',
        argv: input.argv,
        cwd: input.cwd ?? '.',
        ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
        ...(call.sessionId === undefined ? {} : { sessionId: call.sessionId }),
        ...(call.principal === undefined ? {} : { principal: call.principal }),
        caller: call.caller,
        signal: call.signal,
      }),
  });
}
