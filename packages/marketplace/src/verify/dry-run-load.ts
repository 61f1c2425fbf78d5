import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Options for {@link dryRunLoad}. */
export interface DryRunLoadOptions {
  /** The folder the child runs in; a package `name` is imported from here. */
  projectDir: string;
  /** The package name to import (as an agent in `projectDir` would). */
  name?: string;
  /** Or an entry file to import, absolute (the lint imports a package's own built entry). */
  entryFile?: string;
  /** What the default export must be: a plugin or service definition (default) or a chat channel definition. */
  expect?: 'package' | 'channel';
  /** The manifest id a plugin or service definition must carry. */
  expectedId?: string;
  /** A `@downcity/core` module URL: when given, the definition's config JSON Schema is generated with its `configJsonSchema`. */
  configSchemaCore?: string;
  /** Kill the child after this many milliseconds (default 30 000). */
  timeoutMs?: number;
  /** The child's environment (default `process.env`). Ignored with `launch`, which brings its own. */
  env?: Record<string, string | undefined>;
  /**
   * How to start the child instead of plain `node`: a program, its arguments up to node's own flags, and its whole
   * environment (a third-party plugin's sandbox, `sandboxLaunch` of `@downcity/plugin-host`).
   */
  launch?: { command: string; args: readonly string[]; env: Record<string, string> };
}

/** The outcome of {@link dryRunLoad}. */
export interface DryRunResult {
  /** Whether the default export is a definition of the expected kind (and id). */
  ok: boolean;
  /** What is wrong, empty when ok. */
  problems: string[];
  /** The definition's kind (`plugin`, `service` or `channel`), if it has one. */
  kind?: string;
  /** The id in the definition's package manifest, or a channel's id. */
  id?: string;
  /** The module's export names. */
  exports: string[];
  /** With `configSchemaCore`: the definition's config JSON Schema, `null` when it has no config schema. */
  configSchema?: Record<string, unknown> | null;
  /** With `configSchemaCore`: why the config JSON Schema could not be generated. */
  configSchemaError?: string;
}

const MARKER = '@@downcity-dry-run@@';

// Runs in the child: imports the module and inspects its default export the way the CLI's loader
// does, without creating or starting an agent.
const CHILD_SCRIPT = `
const [target, expectKind, expectedId, coreUrl] = process.argv.slice(1);
const report = (result) => { process.stdout.write('\\n${MARKER}' + JSON.stringify(result) + '\\n'); process.exit(0); };
const message = (error) => (error && error.message ? error.message : String(error));
try {
  const module = await import(target);
  const definition = module.default;
  const problems = [];
  const isObject = (value) => typeof value === 'object' && value !== null;
  let kind, id;
  const result = { exports: Object.keys(module) };
  if (!isObject(definition)) {
    problems.push(expectKind === 'channel' ? 'its default export is not a channel definition: export defineChannel({...}) as default' : 'its default export is not a definition: export definePlugin({...}) or defineService({...}) as default');
  } else if (expectKind === 'channel') {
    kind = 'channel';
    id = typeof definition.id === 'string' ? definition.id : undefined;
    if (id === undefined) problems.push('its default export has no channel id: export defineChannel({ id, config, create }) as default');
    if (typeof definition.create !== 'function') problems.push('its channel definition has no create function');
    if (!isObject(definition.config) || typeof definition.config.safeParse !== 'function') problems.push('its channel definition has no zod config schema');
  } else {
    kind = definition.kind;
    id = isObject(definition.package) && isObject(definition.package.downcity) ? definition.package.downcity.id : undefined;
    if (kind !== 'plugin' && kind !== 'service') problems.push('its default export has kind ' + JSON.stringify(kind) + ', expected "plugin" or "service"');
    if (!isObject(definition.package)) problems.push('its definition has no package (pass the package.json as package)');
    if (typeof definition.setup !== 'function') problems.push('its definition has no setup function');
    if (expectedId && id !== expectedId) problems.push('its definition carries manifest id ' + JSON.stringify(id) + ', but package.json says ' + JSON.stringify(expectedId));
    if (coreUrl && problems.length === 0) {
      try {
        result.configSchema = definition.config === undefined ? null : (await import(coreUrl)).configJsonSchema(definition.config);
      } catch (error) {
        result.configSchemaError = message(error);
      }
    }
  }
  report({ ...result, ok: problems.length === 0, problems, kind, id });
} catch (error) {
  report({ ok: false, problems: ['importing it threw: ' + message(error)], exports: [] });
}
`;

/**
 * Imports a package (by name from the project folder, or an entry file) in a child Node process
 * and checks that its default export is a plugin or service definition whose manifest id matches,
 * or a chat channel definition. No agent is created; only the module's top-level code runs, in a
 * process that exits right after. Optionally generates the definition's config JSON Schema with a
 * given `@downcity/core`, for the lint.
 */
export function dryRunLoad(options: DryRunLoadOptions): Promise<DryRunResult> {
  const target = options.entryFile ? pathToFileURL(options.entryFile).href : options.name;
  if (!target) return Promise.resolve({ ok: false, problems: ['nothing to load: pass a package name or an entry file'], exports: [] });
  const args = ['--input-type=module', '--eval', CHILD_SCRIPT, target, options.expect ?? 'package', options.expectedId ?? '', options.configSchemaCore ?? ''];
  return new Promise((resolve) => {
    const { launch } = options;
    const child = spawn(launch ? launch.command : process.execPath, launch ? [...launch.args, ...args] : args, {
      cwd: options.projectDir,
      env: launch ? launch.env : { ...(options.env ?? process.env), NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout = (stdout + chunk).slice(-262_144)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
    const timeoutMs = options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const fail = (problem: string): void => resolve({ ok: false, problems: [problem], exports: [] });
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(`could not start node: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((item) => item.startsWith(MARKER));
      if (line) resolve(JSON.parse(line.slice(MARKER.length)) as DryRunResult);
      else if (signal === 'SIGKILL') fail(`loading it did not finish within ${timeoutMs} ms`);
      else fail(`loading it exited with ${signal ?? code} before reporting: ${stderr.trim().split('\n').slice(-5).join(' ')}`);
    });
  });
}
