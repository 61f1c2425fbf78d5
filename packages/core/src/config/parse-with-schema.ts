import type { z } from 'zod';
import { DowncityError } from '../errors/downcity-error.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { describeFieldProblems, toFieldProblems } from './format-issues.js';

/** Options for {@link parseWithSchema}. */
export interface ParseWithSchemaOptions {
  /** The error code on failure. */
  code: ErrorCode;
  /** What is being parsed, e.g. `config for service "chat"`. */
  subject: string;
  /** The dotted path prefix for field problems, e.g. `services.chat`. */
  root?: string;
}

/**
 * Parses `value` with `schema`; on failure throws a {@link DowncityError} that lists the path of
 * each bad field and what is expected.
 */
export function parseWithSchema<Schema extends z.ZodType>(schema: Schema, value: unknown, options: ParseWithSchemaOptions): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = toFieldProblems(result.error, options.root);
  throw new DowncityError(options.code, `Invalid ${options.subject}:\n${describeFieldProblems(problems)}`, {
    details: { problems },
  });
}
