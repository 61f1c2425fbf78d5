import path from 'node:path';

const CONDITIONS = ['import', 'node', 'default'] as const;

function pickTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = pickTarget(item);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof target === 'object' && target !== null) {
    const conditions = target as Record<string, unknown>;
    for (const condition of CONDITIONS) {
      if (condition in conditions) {
        const found = pickTarget(conditions[condition]);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** The file an ESM `import '<name>'` loads for a package.json: `exports["."]` (import, node, default), else `module`/`main`, else `index.js`. */
export function packageEntry(packageDir: string, packageJson: Record<string, unknown>): string {
  const exports = packageJson.exports;
  let target: string | undefined;
  if (typeof exports === 'string' || Array.isArray(exports)) target = pickTarget(exports);
  else if (typeof exports === 'object' && exports !== null) {
    const map = exports as Record<string, unknown>;
    target = pickTarget(Object.keys(map).some((key) => key.startsWith('.')) ? map['.'] : map);
  }
  target ??= typeof packageJson.module === 'string' ? packageJson.module : typeof packageJson.main === 'string' ? packageJson.main : 'index.js';
  return path.resolve(packageDir, target);
}
