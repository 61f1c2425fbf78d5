/**
 * `create-downcity/lint`: the manifest lint on its own, for CI. A thin wrapper over `@downcity/marketplace`'s
 * `lintPackage` (the one implementation, also behind `downcity plugins lint`): the `downcity` manifest, keyword,
 * `@downcity/core` peer range, config JSON Schema, entry, `exports`, `files` and README.
 *
 * @packageDocumentation
 */
export { lintManifest, type LintManifestOptions, type ManifestLintReport } from './lint/lint-manifest.js';
export { formatLintReport, LintCodes as ManifestLintCodes, type LintCode as ManifestLintCode, type LintProblem as ManifestLintProblem } from '@downcity/marketplace';
