import { formatLintReport, pluginsLint } from '@downcity/marketplace';
import { defineCommand } from '../cli/command.js';
import type { ExitCode } from '../cli/exit-codes.js';
import { unwrapResult } from '../marketplace/unwrap-result.js';

/** `downcity plugins lint [dir]`: the manifest lint before publishing. */
export const pluginsLintCommand = defineCommand({
  name: 'plugins lint',
  summary: 'Check a plugin, service or channel package before publishing',
  args: '[dir]',
  maxArgs: 1,
  options: {
    'no-load': { type: 'boolean', description: 'Check package.json and the folder only; do not import the built entry' },
    core: { type: 'string', valueName: 'version', description: 'The @downcity/core version the peer range must accept (default: the installed one)' },
  },
  details: [
    'The manifest (each bad field), attachment kinds, the downcity-<kind> keyword, the @downcity/core peer range, exports,',
    'files, README, and the built entry: it must load as the manifest\'s definition, with a config JSON Schema equal to the',
    'one generated from its zod schema. Exit 3 with the problems listed when it is not ready to publish.',
  ],
  async run(context): Promise<ExitCode> {
    const result = await pluginsLint({
      cwd: context.cwd,
      dir: context.args[0],
      loadEntry: context.options['no-load'] !== true,
      env: context.io.env,
      ...(typeof context.options.core === 'string' ? { coreVersion: context.options.core } : {}),
    });
    const report = result.ok ? result.data : result.data ?? unwrapResult(result);
    context.output.result(report, (value) => formatLintReport(value).split('\n'));
    return result.exitCode;
  },
});
