import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KNOWN_POINT_NAMES } from '../src/plugin/extension-point-catalog.js';
import { runCommand, type CommandResult } from './helpers/run-command.js';
import { tempFolder } from './helpers/temp-folder.js';

// End to end against the workspace packages: unreleased versions are on no registry, so --local links them
// (vitest, typescript and tsup still come from the npm registry). One install per scenario.
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const workspace = path.resolve(packageDir, '../..');
const bin = path.join(packageDir, 'dist', 'bin.js');
const SLOW = 120_000;

function expectSuccess(result: CommandResult, what: string): void {
  expect(result.code, `${what} failed:\n${result.output}`).toBe(0);
}

async function create(cwd: string, args: readonly string[]): Promise<void> {
  const result = await runCommand(process.execPath, [bin, ...args, '--yes', '--package-manager', 'pnpm', '--local', workspace], { cwd });
  expectSuccess(result, `create-downcity ${args.join(' ')}`);
  expect(result.output).toContain('dependencies installed');
}

describe('create-downcity against the workspace packages', () => {
  it('scaffolds an agent with every channel, service and plugin whose types check and whose own tests pass', async () => {
    await using temp = await tempFolder('cd-e2e');
    await create(temp.path, ['full-agent', '--model', 'openai', '--channels', 'terminal,http,telegram,feishu,qq', '--with', 'chat,task,memory,shell,asr,auth']);
    const project = path.join(temp.path, 'full-agent');
    expectSuccess(await runCommand('pnpm', ['run', 'typecheck'], { cwd: project }), 'typecheck');
    const tests = await runCommand('pnpm', ['test'], { cwd: project });
    expectSuccess(tests, 'the project tests');
    expect(tests.output).toMatch(/Tests\s+4 passed/);
  }, SLOW);

  it('scaffolds a minimal agent (no model, terminal only) that checks and tests', async () => {
    await using temp = await tempFolder('cd-e2e');
    await create(temp.path, ['small-agent', '--model', 'none', '--channels', 'terminal', '--with', '']);
    const project = path.join(temp.path, 'small-agent');
    expect(await readFile(path.join(project, 'downcity.config.ts'), 'utf8')).toContain('// No model yet');
    expectSuccess(await runCommand('pnpm', ['run', 'typecheck'], { cwd: project }), 'typecheck');
    expectSuccess(await runCommand('pnpm', ['test'], { cwd: project }), 'the project tests');
  }, SLOW);

  it('scaffolds a plugin attached to every known point: tests, types, build and manifest lint pass', async () => {
    await using temp = await tempFolder('cd-e2e');
    await create(temp.path, ['--plugin', 'downcity-plugin-everything', '--attach', KNOWN_POINT_NAMES.join(',')]);
    const plugin = path.join(temp.path, 'downcity-plugin-everything');
    const scaffolded = await readFile(path.join(plugin, 'package.json'), 'utf8');
    const tests = await runCommand('pnpm', ['test'], { cwd: plugin });
    expectSuccess(tests, 'the plugin tests');
    expect(tests.output).toMatch(new RegExp(`Tests\\s+${KNOWN_POINT_NAMES.length} passed`));
    expectSuccess(await runCommand('pnpm', ['run', 'typecheck'], { cwd: plugin }), 'typecheck');
    expectSuccess(await runCommand('pnpm', ['run', 'build'], { cwd: plugin }), 'build');
    // The config JSON Schema written at scaffold time is exactly what the build generates from src/config.ts.
    expect(await readFile(path.join(plugin, 'package.json'), 'utf8')).toBe(scaffolded);
    const lint = await runCommand('pnpm', ['run', 'lint'], { cwd: plugin });
    expectSuccess(lint, 'lint');
    expect(lint.output).toContain('the manifest is ready to publish');
  }, SLOW);

  it('exits at once with a clear message when stdin is not a terminal and --yes is missing', async () => {
    await using temp = await tempFolder('cd-e2e');
    const started = Date.now();
    const result = await runCommand(process.execPath, [bin, 'my-agent'], { cwd: temp.path, timeoutMs: 15_000 });
    expect(result.code).toBe(2);
    expect(result.output).toContain('stdin is not a terminal, so create-downcity cannot ask its questions. Pass --yes');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
