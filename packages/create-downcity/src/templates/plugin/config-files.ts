import { baseCompilerOptions } from '../compiler-options.js';
import { json, lines } from '../render.js';

/** The plugin's tsconfig.json: strict NodeNext; tsup emits the JavaScript and declarations. */
export function pluginTsconfig(): string {
  return json({
    compilerOptions: { ...baseCompilerOptions, declaration: true },
    include: ['src', 'test'],
  });
}

/** The plugin's tsup.config.ts: one ESM entry with declarations. */
export function pluginTsupConfig(): string {
  return lines(
    "import { defineConfig } from 'tsup';",
    '',
    'export default defineConfig({',
    "  entry: ['src/index.ts'],",
    "  format: ['esm'],",
    '  dts: true,',
    '  clean: true,',
    '  sourcemap: true,',
    "  target: 'node22',",
    '});',
  );
}

/** scripts/write-config-schema.mjs: writes the config JSON Schema, generated from the zod schema, into the manifest. */
export function pluginConfigSchemaScript(): string {
  return lines(
    '// Writes the JSON Schema of the plugin config (generated from the zod ConfigSchema in src/config.ts) into the',
    '// "downcity.config" field of package.json. Runs after every build; `npm run lint` checks they match.',
    "import { readFile, writeFile } from 'node:fs/promises';",
    "import { configJsonSchema } from '@downcity/core';",
    "import { ConfigSchema } from '../dist/index.js';",
    '',
    "const file = new URL('../package.json', import.meta.url);",
    "const text = await readFile(file, 'utf8');",
    'const pkg = JSON.parse(text);',
    'pkg.downcity.config = configJsonSchema(ConfigSchema);',
    'const next = `${JSON.stringify(pkg, null, 2)}\\n`;',
    'if (next !== text) await writeFile(file, next);',
  );
}

/** The plugin's .gitignore. */
export function pluginGitignore(): string {
  return lines('node_modules/', 'dist/', '*.log', '*.tgz');
}
