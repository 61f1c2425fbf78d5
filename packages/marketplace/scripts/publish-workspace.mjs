#!/usr/bin/env node
// The release flow against a throwaway registry: starts verdaccio (127.0.0.1, no uplinks, temp
// storage), publishes every public workspace package with `pnpm -r publish` (workspace: ranges
// rewritten), checks the published ranges and metadata, installs @downcity/core from it into a temp
// folder, prints the timings and stops verdaccio. Build first: `pnpm build` at the root.
//
//   node packages/marketplace/scripts/publish-workspace.mjs            # run the flow, then stop
//   node packages/marketplace/scripts/publish-workspace.mjs --keep     # leave verdaccio running until Ctrl-C
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishWorkspace, runCommand, startVerdaccio } from '@downcity/verdaccio-harness';

const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));
const keep = process.argv.includes('--keep');
const started = performance.now();
const elapsed = () => `${Math.round(performance.now() - started)} ms`;

const registry = await startVerdaccio();
let status = 0;
try {
  console.log(`verdaccio at ${registry.url} (${elapsed()})`);
  const result = await publishWorkspace({ workspaceRoot, registry: registry.url, token: registry.token, userconfig: registry.userconfig });
  console.log(`published ${result.packages.length} packages in ${Math.round(result.publishMs)} ms:`);
  for (const item of result.report.packages) {
    const ranges = Object.entries(item.ranges).flatMap(([field, names]) => Object.entries(names).map(([name, range]) => `${field}.${name} ${range}`));
    console.log(`  ${item.name}@${item.version}${ranges.length > 0 ? `  (${ranges.join(', ')})` : ''}`);
  }
  if (result.report.problems.length > 0) {
    status = 1;
    console.error(`problems:\n${result.report.problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
  const core = result.packages.find((item) => item.name === '@downcity/core');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'downcity-install-core-'));
  try {
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'install-check', private: true, type: 'module' }));
    await writeFile(path.join(dir, '.npmrc'), registry.npmrc({ scope: '@downcity' }));
    const installStarted = performance.now();
    await runCommand('pnpm', ['add', `@downcity/core@${core.version}`, '--prefer-offline'], { cwd: dir });
    const { stdout } = await runCommand(process.execPath, ['--input-type=module', '--eval', "console.log((await import('@downcity/core')).coreVersion)"], { cwd: dir });
    console.log(`installed @downcity/core@${stdout.trim()} from verdaccio into ${dir} in ${Math.round(performance.now() - installStarted)} ms`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`release flow done in ${elapsed()}`);
  if (keep) {
    console.log(`verdaccio keeps running at ${registry.url}; press Ctrl-C to stop it.`);
    await new Promise((resolve) => process.once('SIGINT', resolve));
  }
} catch (error) {
  status = 1;
  console.error(error instanceof Error ? error.message : error);
} finally {
  await registry.close();
}
process.exit(status);
