// Small statistics helpers shared by the benchmark scripts.

/** Returns the q-quantile (0..1) of a sorted array of numbers. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

/** Formats milliseconds with three decimals. */
export const ms = (value) => `${value.toFixed(3)} ms`;

/** Prints one result line and returns the figures for a summary. */
export function report(name, figures) {
  const parts = Object.entries(figures).map(([key, value]) => `${key}=${typeof value === 'number' ? (Number.isInteger(value) ? value : value.toFixed(3)) : value}`);
  console.log(`${name.padEnd(44)} ${parts.join('  ')}`);
  return figures;
}
