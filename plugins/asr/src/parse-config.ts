import type { z } from 'zod';
import { asrError } from './errors/asr-error.js';

/** Options for {@link parseConfig}. */
export interface ParseConfigOptions<Schema extends z.ZodType> {
  /** The schema to validate against. */
  schema: Schema;
  /** The raw value. */
  value: unknown;
  /** Prefix for issue paths in the message, e.g. `engine`. */
  path?: string;
}

/**
 * Validates a config value against its zod schema and applies defaults.
 *
 * @throws `DowncityError` with `details.reason` `CONFIG_INVALID` listing each invalid key and why. Values are never
 * echoed, so an API key in the wrong place does not leak into the message.
 */
export function parseConfig<Schema extends z.ZodType>(options: ParseConfigOptions<Schema>): z.output<Schema> {
  const result = options.schema.safeParse(options.value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const key = [options.path, ...issue.path.map(String)].filter(Boolean).join('.');
    return `${key || '(root)'}: ${issue.message}`;
  });
  throw asrError('CONFIG_INVALID', `Invalid asr configuration. Fix: ${issues.join('; ')}`, { cause: result.error, details: { issues } });
}
