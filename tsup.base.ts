// The shared tsup settings of every package: ESM, .d.ts, source maps, Node 22.
import { defineConfig, type Options } from 'tsup';

/** The tsup config of a package; pass overrides for extra entries or settings. */
export function packageConfig(overrides: Options = {}): ReturnType<typeof defineConfig> {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node22',
    ...overrides,
  });
}
