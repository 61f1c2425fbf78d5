import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { lintError, lintWarning, LintCodes, type LintProblem } from './lint-codes.js';
import type { LintedPackageJson } from './linted-package-json.js';
import { entryPathOf } from './package-entry.js';

/** Options for {@link checkPackageFiles}. */
export interface CheckPackageFilesOptions {
  /** The package folder. */
  directory: string;
  /** Its package.json. */
  packageJson: LintedPackageJson;
  /** Whether the entry file must exist (it is built). */
  requireBuilt: boolean;
}

const normalize = (file: string): string => file.replace(/^\.\//, '').replace(/\/$/, '');

/**
 * Checks what gets published: an entry in `exports` (or `main`), a `files` list that includes it,
 * a README, and (when `requireBuilt`) the entry file on disk.
 */
export async function checkPackageFiles(options: CheckPackageFilesOptions): Promise<LintProblem[]> {
  const { directory, packageJson } = options;
  const problems: LintProblem[] = [];
  const entry = entryPathOf(packageJson);
  if (entry === undefined) {
    problems.push(
      lintError(
        LintCodes.EXPORTS_MISSING,
        'package.json has no entry. Add an "exports" map, e.g. "exports": { ".": { "types": "./dist/index.d.ts", "import": "./dist/index.js" }, "./package.json": "./package.json" }.',
        'exports',
      ),
    );
  } else if (packageJson.exports === undefined) {
    problems.push(lintWarning(LintCodes.EXPORTS_MISSING, `The entry comes from "main" only. Add an "exports" map with a "." entry ("import": "${entry}") so only the public surface is importable.`, 'exports'));
  }
  const files = Array.isArray(packageJson.files) ? packageJson.files.filter((item): item is string => typeof item === 'string') : [];
  if (files.length === 0) {
    problems.push(lintError(LintCodes.FILES_MISSING, 'package.json has no "files" list, so npm would publish every file in the folder. Add one, e.g. "files": ["dist", "README.md"].', 'files'));
  } else if (entry !== undefined && !files.some((item) => normalize(entry) === normalize(item) || normalize(entry).startsWith(`${normalize(item)}/`))) {
    problems.push(lintError(LintCodes.ENTRY_NOT_IN_FILES, `"files" does not include the entry ${entry}, so it would not be published. Add its folder, e.g. "${normalize(entry).split('/')[0]}".`, 'files'));
  }
  const entries = await readdir(directory).catch(() => [] as string[]);
  if (!entries.some((item) => /^readme(\.|$)/i.test(item))) {
    problems.push(lintError(LintCodes.README_MISSING, 'No README.md next to package.json. Write one: what the package does, its config, and the permissions it asks for.'));
  }
  if (options.requireBuilt && entry !== undefined && !(await access(path.join(directory, entry)).then(() => true, () => false))) {
    problems.push(lintError(LintCodes.ENTRY_MISSING, `The entry ${entry} does not exist. Build the package first (npm run build).`, 'exports'));
  }
  return problems;
}
