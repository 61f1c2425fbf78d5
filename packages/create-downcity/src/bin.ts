#!/usr/bin/env node
import { runCli } from './cli/run-cli.js';

const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  inheritInstallOutput: process.stdout.isTTY === true,
});
process.exitCode = code;
