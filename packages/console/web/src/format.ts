/** A timestamp as local date and time. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString();
}

/** A value as indented JSON, for tool arguments and results. */
export function formatJson(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
