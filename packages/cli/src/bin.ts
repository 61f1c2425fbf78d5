#!/usr/bin/env node
import { runCli } from './cli/run-cli.js';

// `downcity ... | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// `start` and `chat` have closed everything they opened; if a package left a handle open anyway,
// do not hang after the agent stopped.
setTimeout(() => process.exit(code), 2_000).unref();
