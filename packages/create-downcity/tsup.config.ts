import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/lint.ts', 'src/bin.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/lint.ts'] },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
