import { defineAction } from '@downcity/core';
import { z } from 'zod';
import { commandLineSchema, timeoutSchema } from '../service/command-input.js';
import type { ShellConfig } from '../service/config.js';
import { sessionCwdOf } from '../service/execute-command.js';
import { requestCommand } from '../service/request-command.js';
import type { ShellRuntime } from '../service/shell-runtime.js';
import { commandResultSchema } from './command-result.js';

/**
 * The input schema of `shell/session-run`, with limits from the config.
 *
 * @param config - the service config
 */
export function sessionRunInputSchema(config: ShellConfig) {
  return z.object({ command: commandLineSchema(config), timeoutMs: timeoutSchema(config).optional() });
}

/** Input of `shell/session-run`. */
export type SessionRunInput = z.input<ReturnType<typeof sessionRunInputSchema>>;

/**
 * `shell/session-run`: runs a line in the persistent, sandboxed shell of the calling session, so
 * `cd` and `export` carry over. A tool for the model.
 *
 * @param runtime - the shell service runtime
 */
export function sessionRunAction(runtime: ShellRuntime) {
  return defineAction({
    description:
      'Run a command line in your persistent shell in the workspace (sandboxed): the working directory and exported variables carry over ' +
      'between calls, e.g. "cd src" then "ls". Every program the line runs is checked. The result is "ran", "denied" or "pending" (waiting for the user\'s approval).',
    input: sessionRunInputSchema(runtime.config),
    output: commandResultSchema,
    tool: true,
    run: (input, call) => {
      const owner = {
        caller: call.caller,
        ...(call.sessionId === undefined ? {} : { sessionId: call.sessionId }),
        ...(call.principal === undefined ? {} : { principal: call.principal }),
      };
      return requestCommand(runtime, {
        ...owner,
        kind: 'session',
        argv: ['bash', '-c', input.command],
        command: input.command,
        cwd: sessionCwdOf(runtime, owner),
        ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
        signal: call.signal,
      });
    },
  });
}
