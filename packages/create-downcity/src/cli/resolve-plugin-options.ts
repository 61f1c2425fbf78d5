import path from 'node:path';
import { packageNameProblem, unscopedName } from '../choices/package-name.js';
import { parseChoiceList } from '../choices/parse-choice-list.js';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';
import { KNOWN_POINTS, KNOWN_POINT_NAMES, type KnownPointName } from '../plugin/extension-point-catalog.js';
import { pluginIdOf, type PluginOptions } from '../plugin/plugin-options.js';
import type { CliIo } from './cli-io.js';
import type { RawArguments } from './parse-arguments.js';
import type { Prompter } from './prompter.js';
import { refuseFlags, resolveCommon } from './resolve-common.js';

const EXAMPLE = 'npm create downcity@latest -- --plugin downcity-plugin-weather --attach chat/before-reply --yes';
const DEFAULT_ATTACH: readonly KnownPointName[] = ['chat/before-reply'];

/**
 * Turns `--plugin` flags (and, on a terminal without `--yes`, answers) into plugin options.
 *
 * @param raw - the parsed flags; `raw.plugin` is the package name
 * @param io - the process facts
 * @param prompter - asks the questions; only used when interactive
 */
export async function resolvePluginOptions(raw: RawArguments, io: CliIo, prompter: () => Prompter): Promise<PluginOptions> {
  refuseFlags(
    raw,
    [
      ['name', '--name'],
      ['model', '--model'],
      ['channels', '--channels'],
      ['with', '--with'],
    ],
    '--plugin (the plugin name is the value of --plugin)',
  );
  const name = raw.plugin ?? '';
  const problem = packageNameProblem(name);
  if (problem) throw new CreateDowncityError(CreateErrorCodes.USAGE, `--plugin "${name}" is not a valid npm package name: it ${problem}.`);
  const id = pluginIdOf(name);
  if (id === undefined) {
    throw new CreateDowncityError(
      CreateErrorCodes.USAGE,
      `Cannot derive a manifest id from "${name}": without its scope and "downcity-plugin-" prefix it must be lowercase words joined by single dashes, e.g. downcity-plugin-weather (id "weather").`,
    );
  }
  const common = resolveCommon(raw, io, EXAMPLE);
  let attach = raw.attach === undefined ? undefined : parseChoiceList(raw.attach, KNOWN_POINT_NAMES, '--attach point');
  if (attach === undefined && common.interactive) {
    const ask = prompter();
    try {
      const choices = KNOWN_POINT_NAMES.map((point) => ({ value: point, hint: `${KNOWN_POINTS[point].kind}, ${KNOWN_POINTS[point].package}` }));
      attach = await ask.multiselect('Extension points to attach to', choices, DEFAULT_ATTACH);
    } finally {
      ask.close();
    }
  }
  attach ??= [...DEFAULT_ATTACH];
  if (attach.length === 0) throw new CreateDowncityError(CreateErrorCodes.USAGE, `Attach to at least one point: ${KNOWN_POINT_NAMES.join(', ')}.`);
  return {
    name,
    id,
    directory: path.resolve(io.cwd, raw.directory ?? unscopedName(name)),
    attach,
    packageManager: common.packageManager,
    install: common.install,
    force: common.force,
    ...(common.localPackages ? { localPackages: common.localPackages } : {}),
  };
}
