/** Object keys whose values are always redacted in logs, whatever their value. */
export const SECRET_KEY_PATTERN = /(token|secret|password|passwd|api[-_]?key|authorization|cookie|private[-_]?key|encrypt[-_]?key)/i;

/** Returns a deep copy of `value` with the values of secret-looking keys replaced by `[redacted]`. */
export function redactSecretKeys(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => redactSecretKeys(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    result[key] = SECRET_KEY_PATTERN.test(key) && inner !== undefined && inner !== null && inner !== ''
      ? '[redacted]'
      : redactSecretKeys(inner, depth + 1);
  }
  return result;
}
