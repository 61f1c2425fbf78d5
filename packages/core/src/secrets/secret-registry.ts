const secrets = new Set<string>();
let pattern: RegExp | undefined;

/** Values shorter than this are not treated as secrets (they would redact ordinary words). */
const MIN_SECRET_LENGTH = 4;

/**
 * Registers a secret value so it is redacted from every log line, error message and reply
 * produced in this process. Config fields declared with `secret()` register themselves.
 */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || secrets.has(value)) return;
  secrets.add(value);
  pattern = undefined;
}

/** Replaces every registered secret value in `text` with `[redacted]`. */
export function redactSecrets(text: string): string {
  if (secrets.size === 0) return text;
  pattern ??= new RegExp(
    [...secrets]
      .sort((a, b) => b.length - a.length)
      .map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  return text.replace(pattern, '[redacted]');
}
