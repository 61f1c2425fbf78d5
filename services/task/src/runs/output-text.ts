/** The longest output stored on a run record. */
export const MAX_OUTPUT_CHARS = 20_000;

/** A run's result as text: strings as they are, other JSON values as JSON; capped with a marker. */
export function toOutputText(value: unknown): string {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (text.length <= MAX_OUTPUT_CHARS) return text;
  return `${text.slice(0, MAX_OUTPUT_CHARS)}\n…[truncated ${text.length - MAX_OUTPUT_CHARS} characters]`;
}
