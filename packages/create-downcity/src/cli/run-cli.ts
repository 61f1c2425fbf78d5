import { createDowncityVersion } from '../versions.js';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import type { CreateErrorCode } from '../errors/error-codes.js';
import type { GeneratorHooks } from '../project/progress.js';
import { envVariables } from '../project/env-variables.js';
import type { CliIo } from './cli-io.js';
import { ExitCodes, type ExitCode } from './exit-codes.js';
import { nextSteps } from './next-steps.js';
import { parseArguments, type RawArguments } from './parse-arguments.js';
import { createPrompter } from './prompter.js';
import { resolvePluginOptions } from './resolve-plugin-options.js';
import { resolveProjectOptions } from './resolve-project-options.js';
import { usage } from './usage.js';
import { commented } from '../templates/render.js';

const EXIT_CODES: Record<CreateErrorCode, ExitCode> = {
  USAGE: ExitCodes.usage,
  NOT_INTERACTIVE: ExitCodes.usage,
  TARGET_NOT_EMPTY: ExitCodes.refused,
  LOCAL_PACKAGES: ExitCodes.usage,
  INSTALL_FAILED: ExitCodes.failure,
  CANCELLED: ExitCodes.cancelled,
};

function hooks(io: CliIo): GeneratorHooks {
  return {
    onProgress: (event) => io.stdout.write(`◇ ${event.message}\n`),
    installOutput: io.inheritInstallOutput ? 'inherit' : 'pipe',
    onInstallOutput: (chunk) => io.stdout.write(chunk),
  };
}

async function runProject(raw: RawArguments, io: CliIo): Promise<ExitCode> {
  const options = await resolveProjectOptions(raw, io, () => createPrompter(io.stdin, io.stdout));
  const { createProject } = await import('../project/create-project.js');
  const result = await createProject(options, hooks(io));
  const secrets = envVariables(options)
    .filter((variable) => !variable.optional && variable.value === '')
    .map((variable) => variable.name);
  const pm = options.packageManager;
  const commands = commented([
    [`${pm === 'npm' ? 'npm run' : 'pnpm'} chat`, 'talk to it in this terminal'],
    [`${pm} test`, 'its tests'],
    [`${pm} start`, 'run it on every channel'],
  ]);
  io.stdout.write(nextSteps(result, { packageManager: pm, cwd: io.cwd, secrets, commands }));
  return ExitCodes.success;
}

async function runPlugin(raw: RawArguments, io: CliIo): Promise<ExitCode> {
  const options = await resolvePluginOptions(raw, io, () => createPrompter(io.stdin, io.stdout));
  const { createPluginPackage } = await import('../plugin/create-plugin-package.js');
  const result = await createPluginPackage(options, hooks(io));
  const pm = options.packageManager;
  const commands = commented([
    [`${pm} test`, 'its tests'],
    [`${pm} run build`, 'tsup, and the config JSON Schema into the manifest'],
    [`${pm} run lint`, 'the manifest lint, before publishing'],
  ]);
  io.stdout.write(nextSteps(result, { packageManager: pm, cwd: io.cwd, commands }));
  return ExitCodes.success;
}

async function runLint(raw: RawArguments, io: CliIo): Promise<ExitCode> {
  const [{ lintManifest }, { formatLintReport }] = await Promise.all([import('../lint/lint-manifest.js'), import('@downcity/marketplace')]);
  const report = await lintManifest(raw.directory ?? io.cwd);
  (report.ok ? io.stdout : io.stderr).write(`${formatLintReport(report)}\n`);
  return report.ok ? ExitCodes.success : ExitCodes.invalidManifest;
}

/**
 * Runs the create-downcity command and returns its exit code; never throws. Errors are printed to
 * `io.stderr` with what to do next.
 *
 * @param argv - the arguments, without `node` and the script
 * @param io - streams and process facts
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    const raw = parseArguments(argv);
    if (raw.help) {
      io.stdout.write(`${usage()}\n`);
      return ExitCodes.success;
    }
    if (raw.version) {
      io.stdout.write(`${createDowncityVersion}\n`);
      return ExitCodes.success;
    }
    if (raw.lint) return await runLint(raw, io);
    if (raw.plugin !== undefined) return await runPlugin(raw, io);
    return await runProject(raw, io);
  } catch (error) {
    if (CreateDowncityError.is(error)) {
      io.stderr.write(`✗ ${error.message}\n`);
      return EXIT_CODES[error.code] ?? ExitCodes.failure;
    }
    io.stderr.write(`✗ ${(error as Error).stack ?? String(error)}\n`);
    return ExitCodes.failure;
  }
}
