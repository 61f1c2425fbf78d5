import type { GeneratedFile } from '../../files/generated-file.js';
import { pluginConfigSchemaScript, pluginGitignore, pluginTsconfig, pluginTsupConfig } from './config-files.js';
import { pluginPackageJson } from './package-json.js';
import { handlerNames } from './point-template.js';
import type { PluginShape } from './plugin-shape.js';
import { pluginReadme } from './readme.js';
import { pluginConfigModule, pluginIndexModule, pluginModule } from './source-files.js';
import { pluginHarness, pluginTest } from './test-files.js';

/**
 * The files of a plugin package.
 *
 * @param shape - the plugin shape
 * @param configSchema - the JSON Schema of the plugin config, for the manifest
 */
export function pluginFiles(shape: PluginShape, configSchema: Record<string, unknown>): GeneratedFile[] {
  return [
    { path: 'package.json', content: pluginPackageJson(shape, configSchema) },
    { path: 'README.md', content: pluginReadme(shape) },
    { path: '.gitignore', content: pluginGitignore() },
    { path: 'tsconfig.json', content: pluginTsconfig() },
    { path: 'tsup.config.ts', content: pluginTsupConfig() },
    { path: 'scripts/write-config-schema.mjs', content: pluginConfigSchemaScript() },
    { path: 'src/index.ts', content: pluginIndexModule(shape) },
    { path: 'src/config.ts', content: pluginConfigModule(shape) },
    { path: 'src/plugin.ts', content: pluginModule(shape) },
    ...shape.points.map((point) => ({ path: `src/handlers/${handlerNames(point.point).slug}.ts`, content: point.handler })),
    { path: 'test/harness.ts', content: pluginHarness(shape) },
    { path: 'test/plugin.test.ts', content: pluginTest(shape) },
  ];
}
