/** A timestamp as local date and time. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString();
}

/** A value as indented JSON, for tool arguments and results. */
export function formatJson(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** A model step's or a session's cost, e.g. `120 in / 35 out tokens · 1.2 s`; parts the provider did not report are left out. */
export function formatCost(cost: { inputTokens?: number; outputTokens?: number; durationMs?: number }): string {
  const tokens = cost.inputTokens === undefined && cost.outputTokens === undefined ? [] : [`${cost.inputTokens ?? 0} in / ${cost.outputTokens ?? 0} out tokens`];
  const time = cost.durationMs === undefined ? [] : [cost.durationMs < 1000 ? `${cost.durationMs} ms` : `${(cost.durationMs / 1000).toFixed(1)} s`];
  return [...tokens, ...time].join(' · ');
}
