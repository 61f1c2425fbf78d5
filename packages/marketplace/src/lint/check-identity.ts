import semver from 'semver';
import { isPackageName } from '../spec/parse-package-spec.js';
import { lintError, LintCodes, type LintProblem } from './lint-codes.js';
import type { LintedPackageJson } from './linted-package-json.js';

/** Checks what npm needs to publish: a valid name and version, and not `private`. */
export function checkIdentity(packageJson: LintedPackageJson): LintProblem[] {
  const problems: LintProblem[] = [];
  const { name, version } = packageJson;
  if (typeof name !== 'string' || !isPackageName(name)) problems.push(lintError(LintCodes.NAME_INVALID, `"${String(name)}" is not a valid npm package name. Use lowercase, e.g. "downcity-plugin-weather" or "@acme/downcity-weather".`, 'name'));
  if (typeof version !== 'string' || !semver.valid(version)) problems.push(lintError(LintCodes.VERSION_INVALID, `"${String(version)}" is not a semver version. Use e.g. "0.1.0".`, 'version'));
  if (packageJson.private === true) problems.push(lintError(LintCodes.PACKAGE_PRIVATE, 'The package is private, so npm refuses to publish it. Remove "private": true.', 'private'));
  return problems;
}
