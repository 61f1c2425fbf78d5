import { redactSecretKeys, redactSecrets } from '@downcity/core';

/**
 * A copy of a config that is safe to print: values under secret-looking keys (token, secret,
 * apiKey, password...) become `[redacted]`, and so does every value a `secret()` field registered,
 * wherever it appears.
 */
export function redactConfig(config: unknown): unknown {
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return redactSecrets(value);
    if (Array.isArray(value)) return value.map(visit);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, visit(inner)]));
    return value;
  };
  return visit(redactSecretKeys(JSON.parse(JSON.stringify(config))));
}
