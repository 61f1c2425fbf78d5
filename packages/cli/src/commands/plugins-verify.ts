import { pluginsVerify } from '@downcity/marketplace';
import { defineCommand } from '../cli/command.js';
import type { ExitCode } from '../cli/exit-codes.js';
import { marketplaceInput } from '../marketplace/marketplace-input.js';
import { REGISTRY_OPTION } from '../marketplace/marketplace-options.js';
import { unwrapResult } from '../marketplace/unwrap-result.js';

/** `downcity plugins verify <name>`: integrity, installed files, manifest, dry-run load. */
export const pluginsVerifyCommand = defineCommand({
  name: 'plugins verify',
  summary: 'Verify an installed package: tarball integrity, installed files, manifest, a dry-run load',
  args: '<name>',
  minArgs: 1,
  maxArgs: 1,
  options: REGISTRY_OPTION,
  details: ['Exit 1 (with the report) when a check fails. The dry run imports the package in a child process; no agent is started.'],
  async run(context): Promise<ExitCode> {
    const name = context.args[0] as string;
    const result = await context.output.step(`Verifying ${name}`, () => pluginsVerify({ ...marketplaceInput(context), name }));
    // A failed check still has a report to show; other failures (not installed, registry down) do not.
    const report = result.ok ? result.data : result.data ?? unwrapResult(result);
    context.output.result(report, (value) => [
      `${value.name}@${value.version}: ${value.ok ? 'verified' : 'verification FAILED'}`,
      ...value.checks.map((check) => `  ${check.ok ? '✓' : '✗'} ${check.check.padEnd(9)} ${check.message}`),
    ]);
    return result.exitCode;
  },
});
