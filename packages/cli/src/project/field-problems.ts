import type { FieldProblem } from '@downcity/core';
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** The issues of the union branch that got furthest: the branch whose issues are not all about its own top-level type. */
function bestBranch(branches: Issue[][]): Issue[] | undefined {
  const scored = branches.map((issues) => ({ issues, depth: Math.max(0, ...issues.map((issue) => issue.path.length)), rootType: issues.every((issue) => issue.path.length === 0 && issue.code === 'invalid_type') }));
  const candidates = scored.filter((branch) => !branch.rootType);
  if (candidates.length === 0) return undefined;
  return candidates.sort((left, right) => right.depth - left.depth)[0]?.issues;
}

function expand(issues: readonly Issue[], prefix: PropertyKey[]): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branch = bestBranch(issue.errors);
      if (branch) return expand(branch, path);
    }
    return [{ ...issue, path }];
  });
}

/**
 * Field problems of a zod error, looking inside unions: for `boolean | { port: number }` given
 * `{ port: 'eighty' }`, the problem is `…port: expected number`, not `…: Invalid input`.
 */
export function fieldProblemsOf(error: z.ZodError, root: string): FieldProblem[] {
  return expand(error.issues, []).map((issue) => ({
    path: [root, ...issue.path.map((segment) => (typeof segment === 'symbol' ? segment.toString() : String(segment)))].filter((segment) => segment !== '').join('.') || '(root)',
    message: issue.message,
  }));
}
