/**
 * Matches a glob-ish pattern against a whole string: `*` is any run of characters, `?` is one
 * character, everything else is literal.
 *
 * @param pattern - e.g. `--force*`
 * @param value - e.g. `--force-with-lease`
 */
export function matchGlob(pattern: string, value: string): boolean {
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

const SHORT_CLUSTER = /^-[A-Za-z0-9]+$/;

/**
 * Matches one argument pattern against an argument list. A pattern such as `-rf` that looks
 * like a cluster of short flags also matches when those flags are given in another order or
 * apart (`-fr`, `-r -f`), because programs read them the same way.
 *
 * @param pattern - one pattern from a rule's `args`
 * @param args - the invocation's arguments (argv without the program)
 */
export function matchArgPattern(pattern: string, args: readonly string[]): boolean {
  if (args.some((arg) => matchGlob(pattern, arg))) return true;
  if (!SHORT_CLUSTER.test(pattern) || pattern.length < 3) return false;
  const letters = new Set(args.filter((arg) => SHORT_CLUSTER.test(arg)).flatMap((arg) => arg.slice(1).split('')));
  return pattern
    .slice(1)
    .split('')
    .every((letter) => letters.has(letter));
}
