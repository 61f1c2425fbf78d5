import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { describeFieldProblems, type FieldProblem } from './format-issues.js';

const PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string of a config object with environment
 * values. A variable that is unset (and has no default) is an error listing each config path and
 * the variable to set. Write `$${NAME}` for a literal `${NAME}`.
 */
export function interpolateEnv<T>(config: T, env: Readonly<Record<string, string | undefined>>): T {
  const problems: FieldProblem[] = [];
  const visit = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      return value.replace(/(\$?)\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (match, escape: string, name: string, fallback: string | undefined) => {
        if (escape) return match.slice(1);
        const resolved = env[name];
        if (resolved !== undefined && resolved !== '') return resolved;
        if (fallback !== undefined) return fallback;
        problems.push({ path: path || '(root)', message: `environment variable ${name} is not set (set it, or write \${${name}:-default})` });
        return match;
      });
    }
    if (Array.isArray(value)) return value.map((item, index) => visit(item, `${path}.${index}`));
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, visit(inner, path ? `${path}.${key}` : key)]));
    }
    return value;
  };
  const result = visit(config, '') as T;
  if (problems.length > 0) {
    throw new DowncityError(ErrorCodes.CONFIG_INVALID, `Invalid config:\n${describeFieldProblems(problems)}`, { details: { problems } });
  }
  return result;
}

/** Whether a string contains an environment reference such as `${NAME}`. */
export function hasEnvReference(value: string): boolean {
  PATTERN.lastIndex = 0;
  return PATTERN.test(value);
}
