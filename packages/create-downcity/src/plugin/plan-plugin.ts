import type { GeneratedFile } from '../files/generated-file.js';
import { pluginFiles } from '../templates/plugin/plugin-files.js';
import type { PluginShape } from '../templates/plugin/plugin-shape.js';
import { pluginConfigJsonSchema } from './config-json-schema.js';

/**
 * Every file of a new plugin package, rendered.
 *
 * @param shape - the plugin shape
 */
export function planPlugin(shape: PluginShape): GeneratedFile[] {
  return pluginFiles(shape, pluginConfigJsonSchema(shape));
}
