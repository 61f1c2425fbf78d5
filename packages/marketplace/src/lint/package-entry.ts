/** The package.json fields that locate a package's entry. */
export interface EntryFields {
  /** Any other field. */
  [field: string]: unknown;
  /** The `exports` field. */
  exports?: unknown;
  /** The `main` field. */
  main?: unknown;
}

/**
 * The file a package's `"."` export (or `main`) points at for `import`, relative to the package,
 * or `undefined` when there is none. Conditions are tried in the order `import`, `node`, `default`.
 */
export function entryPathOf(packageJson: EntryFields): string | undefined {
  const pick = (target: unknown): string | undefined => {
    if (typeof target === 'string') return target;
    if (target && typeof target === 'object') {
      const conditions = target as Record<string, unknown>;
      return pick(conditions.import) ?? pick(conditions.node) ?? pick(conditions.default);
    }
    return undefined;
  };
  const exports = packageJson.exports;
  if (typeof exports === 'string') return exports;
  if (exports && typeof exports === 'object') {
    const map = exports as Record<string, unknown>;
    const subpaths = Object.keys(map).some((key) => key.startsWith('.'));
    return subpaths ? pick(map['.']) : pick(map);
  }
  return typeof packageJson.main === 'string' ? packageJson.main : undefined;
}
