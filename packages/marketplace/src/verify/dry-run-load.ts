import { spawn } from 'node:child_process';

/** Options for {@link dryRunLoad}. */
export interface DryRunLoadOptions {
  /** The project folder the package is imported from. */
  projectDir: string;
  /** The package name. */
  name: string;
  /** The manifest id its definition must carry. */
  expectedId?: string;
  /** Kill the child after this many milliseconds (default 30 000). */
  timeoutMs?: number;
  /** The child's environment (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/** The outcome of {@link dryRunLoad}. */
export interface DryRunResult {
  /** Whether the default export is a definition with the expected id. */
  ok: boolean;
  /** What is wrong, empty when ok. */
  problems: string[];
  /** The definition's kind, if it has one. */
  kind?: string;
  /** The id in the definition's package manifest. */
  id?: string;
  /** The module's export names. */
  exports: string[];
}

const MARKER = '@@downcity-dry-run@@';

// Runs in the child: imports the package from the project folder and inspects its default export,
// the way the CLI's loader does, without creating or starting an agent.
const CHILD_SCRIPT = `
const [name, expectedId] = process.argv.slice(1);
const report = (result) => { process.stdout.write('\\n${MARKER}' + JSON.stringify(result) + '\\n'); process.exit(0); };
try {
  const module = await import(name);
  const definition = module.default;
  const problems = [];
  const isObject = (value) => typeof value === 'object' && value !== null;
  let kind, id;
  if (!isObject(definition)) problems.push('its default export is not a definition: export definePlugin({...}) or defineService({...}) as default');
  else {
    kind = definition.kind;
    id = isObject(definition.package) && isObject(definition.package.downcity) ? definition.package.downcity.id : undefined;
    if (kind !== 'plugin' && kind !== 'service') problems.push('its default export has kind ' + JSON.stringify(kind) + ', expected "plugin" or "service"');
    if (!isObject(definition.package)) problems.push('its definition has no package (pass the package.json as package)');
    if (typeof definition.setup !== 'function') problems.push('its definition has no setup function');
    if (expectedId && id !== expectedId) problems.push('its definition carries manifest id ' + JSON.stringify(id) + ', but package.json says ' + JSON.stringify(expectedId));
  }
  report({ ok: problems.length === 0, problems, kind, id, exports: Object.keys(module) });
} catch (error) {
  report({ ok: false, problems: ['importing it threw: ' + (error && error.message ? error.message : String(error))], exports: [] });
}
`;

/**
 * Imports a package in a child Node process from the project folder and checks that its default
 * export is a plugin or service definition whose manifest id matches. No agent is created; only
 * the module's top-level code runs, in a process that exits right after.
 */
export function dryRunLoad(options: DryRunLoadOptions): Promise<DryRunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', CHILD_SCRIPT, options.name, options.expectedId ?? ''], {
      cwd: options.projectDir,
      env: { ...(options.env ?? process.env), NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout = (stdout + chunk).slice(-65_536)));
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
