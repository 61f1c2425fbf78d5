/** The package.json fields the lint reads. */
export interface LintedPackageJson {
  name?: unknown;
  version?: unknown;
  keywords?: unknown;
  peerDependencies?: Record<string, unknown>;
  exports?: unknown;
  main?: unknown;
  files?: unknown;
  downcity?: unknown;
}

/**
 * The file a package's `"."` export (or `main`) points at for `import`, relative to the package, or
 * `undefined` when there is none.
 *
 * @param pkg - the package.json
 */
export function entryPathOf(pkg: LintedPackageJson): string | undefined {
  const pick = (target: unknown): string | undefined => {
    if (typeof target === 'string') return target;
    if (target && typeof target === 'object') {
      const conditions = target as Record<string, unknown>;
      return pick(conditions.import) ?? pick(conditions.node) ?? pick(conditions.default);
    }
    return undefined;
  };
  const exports = pkg.exports;
  if (typeof exports === 'string') return exports;
  if (exports && typeof exports === 'object') {
    const map = exports as Record<string, unknown>;
    return '.' in map ? pick(map['.']) : pick(map);
  }
  return typeof pkg.main === 'string' ? pkg.main : undefined;
}
