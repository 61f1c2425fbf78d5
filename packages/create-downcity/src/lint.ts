/**
 * `create-downcity/lint`: the manifest lint on its own, for the marketplace and CI. Checks a plugin or service
 * package's `downcity` manifest, keyword, `@downcity/core` peer range, config JSON Schema, `exports`, `files`
 * and README.
 *
 * @packageDocumentation
 */
export { lintManifest, type LintManifestOptions } from './lint/lint-manifest.js';
export { formatLintReport } from './lint/format-lint-report.js';
export { ManifestLintCodes, type ManifestLintCode, type ManifestLintProblem, type ManifestLintReport } from './lint/lint-codes.js';
