const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/**
 * Why `name` is not a valid npm package name, or `undefined` when it is.
 *
 * @param name - the candidate name
 */
export function packageNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > 214) return 'must be at most 214 characters';
  if (name !== name.toLowerCase()) return 'must be lowercase';
  if (!PACKAGE_NAME.test(name)) return 'may contain only lowercase letters, digits, "-", "_", "." and "~" (and one "@scope/" prefix), and must not start with "." or "_"';
  return undefined;
}

/**
 * The folder name for a package name: the part after the scope.
 *
 * @param name - a valid npm package name
 */
export function unscopedName(name: string): string {
  return name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
}
