import type { OptionSpec } from './command.js';

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'Machine-readable output: one JSON document on standard output' },
  cwd: { type: 'string', valueName: 'dir', description: 'The project folder (default: the working directory)' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
  version: { type: 'boolean', short: 'v', description: 'Show the version' },
};
