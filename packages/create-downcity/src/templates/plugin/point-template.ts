import { z } from 'zod';
import { quote } from '../render.js';
import type { KnownPointName } from '../../plugin/extension-point-catalog.js';

/** A config field a handler reads: a list of words, a flag or a text, with its default and description. */
export type ConfigField = { key: string; description: string } & (
  | { kind: 'words'; default: readonly string[] }
  | { kind: 'flag'; default: boolean }
  | { kind: 'text'; default: string }
);

/**
 * The zod expression of a field as written into src/config.ts.
 *
 * @param field - the field
 */
export function fieldSource(field: ConfigField): string {
  const type = field.kind === 'words' ? 'z.array(z.string().min(1))' : field.kind === 'flag' ? 'z.boolean()' : 'z.string()';
  return `${type}.default(${literal(field.default)}).describe(${literal(field.description)})`;
}

/**
 * The same schema built with create-downcity's zod, to write the manifest's JSON Schema at scaffold time.
 *
 * @param field - the field
 */
export function fieldSchema(field: ConfigField): z.ZodType {
  if (field.kind === 'words') return z.array(z.string().min(1)).default([...field.default]).describe(field.description);
  if (field.kind === 'flag') return z.boolean().default(field.default).describe(field.description);
  return z.string().default(field.default).describe(field.description);
}

function literal(value: string | boolean | readonly string[]): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  return `[${value.map(quote).join(', ')}]`;
}

/** What the plugin tests need running for a point. */
export type TestNeed = 'chat' | 'task' | 'shell' | 'logs';

/** Everything the plugin scaffold writes for one extension point. */
export interface PointTemplate {
  /** The point. */
  point: KnownPointName;
  /** Config fields its handler reads. */
  fields: readonly ConfigField[];
  /** The handler module, src/handlers/<slug>.ts. */
  handler: string;
  /** Test cases (`it(...)` blocks) for test/plugin.test.ts. */
  tests: string;
  /** Services and helpers its tests need. */
  needs: readonly TestNeed[];
}

/**
 * The file name (without extension) and function name of a point's handler: `chat/before-reply` →
 * `chat-before-reply` and `chatBeforeReply`.
 *
 * @param point - the point name
 */
export function handlerNames(point: string): { slug: string; functionName: string } {
  const slug = point.replace('/', '-');
  const functionName = slug.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return { slug, functionName };
}
