import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '..');
const workspace = path.resolve(packageDir, '../..');

/**
 * Builds create-downcity's JavaScript (the scaffolded plugin's `lint` script runs its bin) and checks that the
 * workspace packages the end-to-end tests link to are built.
 */
export default async function setup(): Promise<void> {
  const unbuilt = ['packages/core', 'packages/testing', 'packages/cli', 'services/chat', 'services/task', 'services/shell', 'services/memory', 'plugins/auth', 'plugins/asr'].filter(
    (folder) => !existsSync(path.join(workspace, folder, 'dist', 'index.js')),
  );
  if (unbuilt.length > 0) {
    throw new Error(`Build the workspace packages first (${unbuilt.join(', ')} have no dist): cd ${workspace} && npx turbo run build --filter=./packages/* --filter=./services/* --filter=./plugins/*`);
  }
  execFileSync(process.execPath, [path.join(packageDir, 'scripts/write-versions.mjs')]);
  await build({
    config: false,
    entry: [path.join(packageDir, 'src/index.ts'), path.join(packageDir, 'src/lint.ts'), path.join(packageDir, 'src/bin.ts')],
    outDir: path.join(packageDir, 'dist'),
    format: ['esm'],
    target: 'node22',
    dts: false,
    clean: false,
    silent: true,
  });
}
