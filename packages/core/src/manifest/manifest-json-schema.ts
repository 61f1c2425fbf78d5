import { z } from 'zod';
import { ManifestSchema } from './manifest-schema.js';

/** The JSON Schema of the `downcity` manifest field, generated from the same zod schema core validates with. */
export function manifestJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ManifestSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://downcity.dev/schemas/manifest.json',
    title: 'Downcity package manifest',
    description: 'The "downcity" field of a Downcity service or plugin package.json.',
  };
}

/** The JSON Schema of a config zod schema, for a manifest's `config` field and the docs. */
export function configJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
}
