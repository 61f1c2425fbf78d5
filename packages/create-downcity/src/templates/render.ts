/**
 * A TypeScript single-quoted string literal for `value`.
 *
 * @param value - any text
 */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/**
 * Indents every non-empty line of `text` by `depth` levels of two spaces.
 *
 * @param text - one or more lines
 * @param depth - indentation levels
 */
export function indent(text: string, depth: number): string {
  const pad = '  '.repeat(depth);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${pad}${line}`))
    .join('\n');
}

/**
 * Pretty JSON with a trailing newline, as npm writes package.json.
 *
 * @param value - any JSON value
 */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Joins lines, dropping `undefined` and `false` entries (for optional lines in templates), with a trailing newline.
 *
 * @param lines - the lines
 */
export function lines(...lines: readonly (string | undefined | false)[]): string {
  return `${lines.filter((line): line is string => typeof line === 'string').join('\n')}\n`;
}

/**
 * Shell lines with aligned comments.
 *
 * @param entries - each command and its comment
 */
export function commented(entries: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...entries.map(([command]) => command.length)) + 2;
  return entries.map(([command, comment]) => `${command.padEnd(width)}# ${comment}`);
}

/**
 * An object literal key: bare when it is an identifier, quoted otherwise (`weather`, `'acme-weather'`).
 *
 * @param key - the key
 */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : quote(key);
}

/**
 * The `pnpm` package.json field for pnpm projects: lets esbuild (under vitest and tsup) run its install
 * script, which pnpm 10 otherwise blocks with a warning. Nothing for npm.
 *
 * @param packageManager - the project's package manager
 */
export function pnpmSettings(packageManager: 'npm' | 'pnpm'): { pnpm?: { onlyBuiltDependencies: string[] } } {
  return packageManager === 'pnpm' ? { pnpm: { onlyBuiltDependencies: ['esbuild'] } } : {};
}
