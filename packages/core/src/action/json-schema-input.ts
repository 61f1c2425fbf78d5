import { z } from 'zod';

/** A JSON Schema object, as a tool or an MCP server describes its input. */
export type JsonSchemaObject = Record<string, unknown>;

/** The `input` and `inputJsonSchema` of an action whose input is described by a JSON Schema. */
export interface JsonSchemaInput {
  /** Validates the input; built from the JSON Schema by zod's `z.fromJSONSchema`. */
  input: z.ZodType;
  /** The JSON Schema itself, offered to the model unchanged. */
  inputJsonSchema: JsonSchemaObject;
}

/**
 * The input part of an action described by a raw JSON Schema (e.g. an MCP tool's `inputSchema`):
 * the model sees the schema as written, and the action registry validates input with zod's
 * conversion of it. A schema zod cannot convert is reported with `onUnsupported` and validated
 * as "any JSON object" only (the model still sees the schema).
 *
 * @example
 * ```ts
 * context.actions?.add('weather/forecast', { description, ...jsonSchemaInput(tool.inputSchema), output: z.unknown(), run });
 * ```
 */
export function jsonSchemaInput(schema: JsonSchemaObject, onUnsupported?: (error: Error) => void): JsonSchemaInput {
  const { $schema: _dialect, ...inputJsonSchema } = schema;
  let input: z.ZodType;
  try {
    // zod reads the dialect from `$schema`; without one, `definitions` (not `$defs`) means draft 7.
    const defaultTarget = 'definitions' in schema && !('$defs' in schema) ? 'draft-7' : 'draft-2020-12';
    input = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0], { defaultTarget });
  } catch (error) {
    onUnsupported?.(error instanceof Error ? error : new Error(String(error)));
    input = z.record(z.string(), z.unknown());
  }
  return { input, inputJsonSchema };
}
