import type { z } from 'zod';

/** One invalid field: its dotted path and what was expected. */
export interface FieldProblem {
  /** Dotted path from the root, e.g. `services.chat.http.port`. */
  path: string;
  /** What is wrong and what is expected. */
  message: string;
}

/** Converts zod issues to field problems, with paths prefixed by `root`. */
export function toFieldProblems(error: z.ZodError, root = ''): FieldProblem[] {
  return error.issues.map((issue) => {
    const segments = [root, ...issue.path.map((segment) => (typeof segment === 'symbol' ? segment.toString() : String(segment)))];
    return { path: segments.filter((segment) => segment !== '').join('.') || '(root)', message: issue.message };
  });
}

/** Renders field problems as an indented list for an error message. */
export function describeFieldProblems(problems: FieldProblem[]): string {
  return problems.map((problem) => `  - ${problem.path}: ${problem.message}`).join('\n');
}
