import { lintWarning, LintCodes, type LintProblem } from './lint-codes.js';
import type { LintedPackageJson } from './linted-package-json.js';

/** Checks the metadata a marketplace listing shows (warnings): description, license, repository. */
export function checkListing(packageJson: LintedPackageJson): LintProblem[] {
  const problems: LintProblem[] = [];
  if (typeof packageJson.description !== 'string' || packageJson.description.trim() === '') problems.push(lintWarning(LintCodes.DESCRIPTION_MISSING, 'Add a description; search results show it.', 'description'));
  if (!packageJson.license) problems.push(lintWarning(LintCodes.LICENSE_MISSING, 'Add a license, e.g. "license": "MIT".', 'license'));
  if (!packageJson.repository) problems.push(lintWarning(LintCodes.REPOSITORY_MISSING, 'Add a repository so users can read the source before installing.', 'repository'));
  return problems;
}
