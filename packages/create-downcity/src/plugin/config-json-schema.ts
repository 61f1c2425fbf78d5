import { configJsonSchema } from '@downcity/core';
import { z } from 'zod';
import { fieldSchema } from '../templates/plugin/point-template.js';
import type { PluginShape } from '../templates/plugin/plugin-shape.js';

/**
 * The JSON Schema of the scaffolded plugin's config, built from the same zod fields src/config.ts is
 * written with, so the manifest is complete from the start (the build rewrites it from the real schema).
 *
 * @param shape - the plugin shape
 */
export function pluginConfigJsonSchema(shape: PluginShape): Record<string, unknown> {
  const fields = shape.points.flatMap((point) => point.fields);
  return configJsonSchema(z.object(Object.fromEntries(fields.map((field) => [field.key, fieldSchema(field)]))).strict());
}
