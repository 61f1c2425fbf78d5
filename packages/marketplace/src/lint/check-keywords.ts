import { MARKETPLACE_KEYWORDS } from '../candidate/describe-version.js';
import type { DowncityPackageKind } from '../candidate/package-kind.js';
import { lintError, LintCodes, type LintProblem } from './lint-codes.js';
import { keywordsOf, type LintedPackageJson } from './linted-package-json.js';

/** Checks the marketplace keyword: `downcity-<kind>` present (a plugin when the kind is unknown), no other kind's keyword. */
export function checkKeywords(packageJson: LintedPackageJson, kind: DowncityPackageKind | undefined): LintProblem[] {
  const keywords = keywordsOf(packageJson);
  const keyword = `downcity-${kind ?? 'plugin'}`;
  const problems: LintProblem[] = [];
  if (!keywords.includes(keyword)) {
    const fixed = [...keywords.map((entry) => JSON.stringify(entry)), `"${keyword}"`].join(', ');
    problems.push(lintError(LintCodes.KEYWORD_MISSING, `package.json "keywords" lacks "${keyword}", so \`downcity plugins search\` will not find it. Add it: "keywords": [${fixed}].`, 'keywords'));
  }
  for (const other of MARKETPLACE_KEYWORDS.filter((entry) => entry !== keyword && keywords.includes(entry))) {
    problems.push(lintError(LintCodes.KEYWORD_CONFLICT, `A ${kind ?? 'plugin'} must not carry the "${other}" keyword; remove it.`, 'keywords'));
  }
  return problems;
}
