import { parseArgs } from 'node:util';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';

/** The flags as typed, before defaults and prompts. */
export interface RawArguments {
  /** The positional target folder (or, with `--lint`, the package folder). */
  directory: string | undefined;
  name: string | undefined;
  model: string | undefined;
  channels: string | undefined;
  with: string | undefined;
  yes: boolean;
  noInstall: boolean;
  packageManager: string | undefined;
  force: boolean;
  plugin: string | undefined;
  attach: string | undefined;
  local: string | undefined;
  lint: boolean;
  help: boolean;
  version: boolean;
}

const OPTIONS = {
  name: { type: 'string' },
  model: { type: 'string' },
  channels: { type: 'string' },
  with: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  'no-install': { type: 'boolean' },
  'package-manager': { type: 'string' },
  force: { type: 'boolean', short: 'f' },
  plugin: { type: 'string' },
  attach: { type: 'string' },
  local: { type: 'string' },
  lint: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/**
 * Parses the command line (without `node` and the script).
 *
 * @param argv - the arguments
 * @throws CreateDowncityError with code `USAGE` for unknown flags, missing values or extra arguments
 */
export function parseArguments(argv: readonly string[]): RawArguments {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CreateDowncityError(CreateErrorCodes.USAGE, `${(error as Error).message.replace(/\.$/, '')}. Run create-downcity --help for the flags.`, { cause: error });
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new CreateDowncityError(CreateErrorCodes.USAGE, `Expected at most one folder, got ${positionals.map((entry) => `"${entry}"`).join(', ')}. Run create-downcity --help for the usage.`);
  }
  return {
    directory: positionals[0],
    name: values.name,
    model: values.model,
    channels: values.channels,
    with: values.with,
    yes: values.yes ?? false,
    noInstall: values['no-install'] ?? false,
    packageManager: values['package-manager'],
    force: values.force ?? false,
    plugin: values.plugin,
    attach: values.attach,
    local: values.local,
    lint: values.lint ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
