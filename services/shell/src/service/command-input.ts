import { z } from 'zod';
import type { ShellConfig } from './config.js';

const hasNul = (text: string): boolean => text.includes('\0');

/** Longest working directory accepted, in characters (Linux PATH_MAX). */
const MAX_CWD_LENGTH = 4096;

/**
 * The `argv` input schema: a non-empty array of strings without NUL bytes, within the policy's
 * argument count and byte limits. Failures name the limit, never echo the input.
 *
 * @param config - the service config (limits come from `policy.maxArgs` and `policy.maxArgvBytes`)
 */
export function argvSchema(config: ShellConfig) {
  const { maxArgs, maxArgvBytes } = config.policy;
  return z
    .array(z.string(), { error: 'argv must be an array of strings, program first, e.g. ["ls", "-la"]' })
    .min(1, 'argv must name a program, e.g. ["ls", "-la"]')
    .superRefine((argv, context) => {
      if (argv.length > maxArgs) {
        context.addIssue({ code: 'custom', message: `the command has ${argv.length} arguments; the limit is ${maxArgs}` });
        return;
      }
      if (argv[0] === '') context.addIssue({ code: 'custom', message: 'the program name (argv[0]) is empty' });
      const withNul = argv.findIndex(hasNul);
      if (withNul !== -1) context.addIssue({ code: 'custom', message: `argument ${withNul} contains a NUL byte, which no program can receive; remove it` });
      const bytes = argv.reduce((total, arg) => total + Buffer.byteLength(arg) + 1, 0);
      if (bytes > maxArgvBytes) context.addIssue({ code: 'custom', message: `the command is ${bytes} bytes long; the limit is ${maxArgvBytes} bytes` });
    })
    .describe('The program and its arguments, e.g. ["ls", "-la"]. Run without a shell; use ["bash", "-c", "a | b"] only when you need pipes.');
}

/**
 * The `command` input schema of a persistent shell line: non-empty, no NUL bytes, within the
 * policy's byte limit.
 *
 * @param config - the service config
 */
export function commandLineSchema(config: ShellConfig) {
  const { maxArgvBytes } = config.policy;
  return z
    .string({ error: 'command must be a string, e.g. "cd src && ls"' })
    .superRefine((command, context) => {
      if (command.trim() === '') context.addIssue({ code: 'custom', message: 'the command is empty' });
      if (hasNul(command)) context.addIssue({ code: 'custom', message: 'the command contains a NUL byte; remove it' });
      const bytes = Buffer.byteLength(command);
      if (bytes > maxArgvBytes) context.addIssue({ code: 'custom', message: `the command is ${bytes} bytes long; the limit is ${maxArgvBytes} bytes` });
    })
    .describe('One shell command line, e.g. "cd src && ls -la". The working directory and exported variables carry over to the next call.');
}

/** The `cwd` input schema: a path inside the workspace, relative to it or absolute. */
export const cwdSchema = z
  .string()
  .min(1)
  .max(MAX_CWD_LENGTH, `the working directory is longer than ${MAX_CWD_LENGTH} characters`)
  .refine((cwd) => !hasNul(cwd), 'the working directory contains a NUL byte')
  .describe('Working directory inside the workspace, relative to it (default: the workspace itself).');

/**
 * The `timeoutMs` input schema, capped at the configured `maxTimeoutMs`.
 *
 * @param config - the service config
 */
export function timeoutSchema(config: ShellConfig) {
  return z
    .number()
    .int()
    .positive()
    .max(config.maxTimeoutMs, `the timeout may be at most ${config.maxTimeoutMs} ms (services.shell.maxTimeoutMs)`)
    .describe(`Kill the command after this many milliseconds (default ${config.timeoutMs}).`);
}
