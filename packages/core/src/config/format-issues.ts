import type { z } from 'zod';

/** One invalid field: its dotted path and what was expected. */
export interface FieldProblem {
  /** Dotted path from the root, e.g. `services.chat.http.port`. */
  path: string;
  /** What is wrong and what is expected. */
  message: string;
}

type Issue = z.core.$ZodIssue;

const segmentText = (segment: PropertyKey): string => (typeof segment === 'symbol' ? segment.toString() : String(segment));

/** Whether a union branch rejected the value's type itself (an object where it wants a list), not a field inside it. */
const rejectsType = (branch: readonly Issue[]): boolean => branch.some((issue) => issue.code === 'invalid_type' && issue.path.length === 0);

/**
 * Flattens issues, looking inside unions: of a union's branches, the one the input most likely
 * meant is reported — a branch that accepted the value's type (a list for a list) before one that
 * did not, then the one with the fewest problems — so users see `…port: expected number` or
 * `model.1.provider: …` rather than a bare `Invalid input`.
 */
function flatten(issues: readonly Issue[], prefix: PropertyKey[]): { path: PropertyKey[]; message: string }[] {
  const result: { path: PropertyKey[]; message: string }[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branches = issue.errors
        .map((branch) => ({ typeRejected: rejectsType(branch), problems: flatten(branch, path) }))
        .sort((a, b) => Number(a.typeRejected) - Number(b.typeRejected) || a.problems.length - b.problems.length);
      const best = branches[0]?.problems ?? [];
      if (best.length > 0) {
        result.push(...best);
        continue;
      }
    }
    result.push({ path, message: issue.message });
  }
  return result;
}

/** Converts zod issues to field problems, with paths prefixed by `root`. */
export function toFieldProblems(error: z.ZodError, root = ''): FieldProblem[] {
  return flatten(error.issues, []).map(({ path, message }) => {
    const segments = [root, ...path.map(segmentText)];
    return { path: segments.filter((segment) => segment !== '').join('.') || '(root)', message };
  });
}

/** Renders field problems as an indented list for an error message. */
export function describeFieldProblems(problems: FieldProblem[]): string {
  return problems.map((problem) => `  - ${problem.path}: ${problem.message}`).join('\n');
}
