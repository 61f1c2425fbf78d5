import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the package's JavaScript: the child worker processes (test/fixtures) run the built package, not the sources. */
export default async function setup(): Promise<void> {
  await build({
    config: false,
    entry: [path.join(packageDir, 'src/index.ts')],
    outDir: path.join(packageDir, 'dist'),
    format: ['esm'],
    target: 'node22',
    sourcemap: true,
    dts: false,
    clean: false,
    silent: true,
  });
}
