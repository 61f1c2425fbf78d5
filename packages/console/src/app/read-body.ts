import { HttpProblem, type RouteContext } from '@downcity/http';
import type { z } from 'zod';

/** Parses a JSON body with `schema`; 400 `INPUT_INVALID` naming each bad field otherwise. */
export async function readBody<T, Variables extends object>(c: RouteContext<Variables>, schema: z.ZodType<T>): Promise<T> {
  const body: unknown = await c.req.json().catch(() => {
    throw new HttpProblem({ status: 400, code: 'INPUT_INVALID', message: 'The body is not JSON.' });
  });
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
  throw new HttpProblem({ status: 400, code: 'INPUT_INVALID', message: `Invalid body: ${fields.map((field) => `${field.path}: ${field.message}`).join('; ')}`, fields });
}
