import { readdir } from 'node:fs/promises';
import { ManifestLintCodes, type ManifestLintProblem } from './lint-codes.js';
import type { LintedPackageJson } from './package-json.js';

/**
 * Checks the marketplace fields around the manifest: keyword, `exports`, `files` and a README.
 *
 * @param directory - the package folder
 * @param pkg - its package.json
 * @param kind - the manifest kind, when the manifest names one
 */
export async function checkPackageFields(directory: string, pkg: LintedPackageJson, kind: 'plugin' | 'service' | undefined): Promise<ManifestLintProblem[]> {
  const problems: ManifestLintProblem[] = [];
  const keyword = kind === 'service' ? 'downcity-service' : 'downcity-plugin';
  const keywords = Array.isArray(pkg.keywords) ? pkg.keywords : [];
  if (!keywords.includes(keyword)) {
    problems.push({
      code: ManifestLintCodes.KEYWORD_MISSING,
      field: 'keywords',
      message: `package.json "keywords" lacks "${keyword}", so \`downcity plugins search\` will not find it. Add it: "keywords": [${[...keywords.map((entry) => JSON.stringify(entry)), `"${keyword}"`].join(', ')}].`,
    });
  }
  const exports = pkg.exports;
  const hasRoot = typeof exports === 'string' || (exports !== null && typeof exports === 'object' && ('.' in exports || !Object.keys(exports).some((key) => key.startsWith('.'))));
  if (!hasRoot) {
    problems.push({
      code: ManifestLintCodes.EXPORTS_MISSING,
      field: 'exports',
      message: 'package.json has no "exports" map with a "." entry. Add one, e.g. "exports": { ".": { "types": "./dist/index.d.ts", "import": "./dist/index.js" }, "./package.json": "./package.json" }.',
    });
  }
  if (!Array.isArray(pkg.files) || pkg.files.length === 0) {
    problems.push({
      code: ManifestLintCodes.FILES_MISSING,
      field: 'files',
      message: 'package.json has no "files" list, so npm would publish every file in the folder. Add one, e.g. "files": ["dist", "README.md"].',
    });
  }
  const entries = await readdir(directory).catch(() => []);
  if (!entries.some((entry) => /^readme(\.|$)/i.test(entry))) {
    problems.push({ code: ManifestLintCodes.README_MISSING, message: 'No README.md next to package.json. Write one: what the plugin does, its config, and the permissions it asks for.' });
  }
  return problems;
}
