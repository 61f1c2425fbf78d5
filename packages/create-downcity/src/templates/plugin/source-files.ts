import { fieldSource, handlerNames } from './point-template.js';
import type { PluginShape } from './plugin-shape.js';
import { lines } from '../render.js';

/**
 * src/config.ts: the plugin config's zod schema, the single source of truth for its type and JSON Schema.
 *
 * @param shape - the plugin shape
 */
export function pluginConfigModule(shape: PluginShape): string {
  const fields = shape.points.flatMap((point) => point.fields);
  return lines(
    "import { z } from 'zod';",
    '',
    `/** The config of the ${shape.options.id} plugin, \`plugins.${shape.options.id}\` in downcity.config.ts. The build writes its JSON Schema into the manifest. */`,
    'export const ConfigSchema = z',
    '  .object({',
    ...fields.map((field) => `    ${field.key}: ${fieldSource(field)},`),
    '  })',
    '  .strict();',
    '',
    '/** The config as validated (defaults applied). */',
    'export type Config = z.output<typeof ConfigSchema>;',
    '',
    '/** The config as written. */',
    'export type ConfigInput = z.input<typeof ConfigSchema>;',
  );
}

/**
 * src/plugin.ts: `definePlugin` with the package.json manifest and one typed handler per attached point.
 *
 * @param shape - the plugin shape
 */
export function pluginModule(shape: PluginShape): string {
  const handlers = shape.points.map((point) => ({ point: point.point, ...handlerNames(point.point) }));
  return lines(
    "import { definePlugin } from '@downcity/core';",
    "import pkg from '../package.json' with { type: 'json' };",
    "import { ConfigSchema } from './config.js';",
    ...handlers.map((handler) => `import { ${handler.functionName} } from './handlers/${handler.slug}.js';`),
    '',
    '/**',
    ` * The ${shape.options.id} plugin. Its manifest (the \`downcity\` field of package.json) lists the points it attaches`,
    ' * to; the agent refuses to start when a handler and the manifest disagree.',
    ' */',
    'export const plugin = definePlugin({',
    '  package: pkg,',
    '  config: ConfigSchema,',
    '  setup: (context) => ({',
    '    handlers: {',
    ...handlers.map((handler) => `      '${handler.point}': ${handler.functionName}(context),`),
    '    },',
    '  }),',
    '});',
  );
}

/**
 * src/index.ts: the package's public surface; the default export is the plugin definition `downcity` loads.
 *
 * @param shape - the plugin shape
 */
export function pluginIndexModule(shape: PluginShape): string {
  return lines(
    '/**',
    ` * ${shape.options.name}: a Downcity plugin. Add it to an agent with \`downcity plugins add ${shape.options.name}\`.`,
    ' *',
    ' * @packageDocumentation',
    ' */',
    "export { plugin, plugin as default } from './plugin.js';",
    "export { ConfigSchema, type Config, type ConfigInput } from './config.js';",
  );
}
