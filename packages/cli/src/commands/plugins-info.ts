import { pluginsInfo } from '@downcity/marketplace';
import { defineCommand } from '../cli/command.js';
import { formatTime, table } from '../cli/format.js';
import { listingLines } from '../marketplace/describe-listing.js';
import { enforcementFor, projectIsolation } from '../marketplace/enforcement-for.js';
import { marketplaceInput } from '../marketplace/marketplace-input.js';
import { REGISTRY_OPTION } from '../marketplace/marketplace-options.js';
import { unwrapResult } from '../marketplace/unwrap-result.js';

/** `downcity plugins info <name[@range]>`: a package's versions and the one `add` would install, in full. */
export const pluginsInfoCommand = defineCommand({
  name: 'plugins info',
  summary: "Show a package's extension points, permissions and versions with their compatibility",
  args: '<name[@range]>',
  minArgs: 1,
  maxArgs: 1,
  options: REGISTRY_OPTION,
  async run(context) {
    const details = unwrapResult(await pluginsInfo({ ...marketplaceInput(context), spec: context.args[0] as string }));
    const enforced = enforcementFor(details.selected, await projectIsolation(context.cwd, context.io.env));
    context.output.result({ ...details, enforced }, (value) => [
      ...listingLines(value.selected),
      ...value.enforced.map((line, index) => `  ${index === 0 ? 'enforced    ' : '            '}${line}`),
      ...(value.homepage ? [`  homepage ${value.homepage}`] : []),
      ...(value.repository ? [`  repository ${value.repository}`] : []),
      ...(value.license ? [`  license ${value.license}`] : []),
      '',
      'Versions:',
      ...table(
        value.versions.map((version) => [
          `  ${version.version}${version.version === value.selected.version ? ' *' : ''}`,
          version.coreRange ?? '(no core range)',
          version.compatible ? 'compatible' : 'not compatible',
          formatTime(version.publishedAt),
          version.deprecated ? `deprecated: ${version.deprecated}` : '',
        ]),
      ),
      '',
      '* = what `downcity plugins add` would install',
    ]);
  },
});
