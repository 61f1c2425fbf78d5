import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { coreVersion as runningCoreVersion } from '@downcity/core';
import { checkEntry } from '../lint/check-entry.js';
import { checkIdentity } from '../lint/check-identity.js';
import { checkKeywords } from '../lint/check-keywords.js';
import { checkListing } from '../lint/check-listing.js';
import { checkManifestFields } from '../lint/check-manifest-fields.js';
import { checkPackageFiles } from '../lint/check-package-files.js';
import { checkRanges } from '../lint/check-ranges.js';
import { lintError, LintCodes, type LintProblem, type LintReport } from '../lint/lint-codes.js';
import type { LintedPackageJson } from '../lint/linted-package-json.js';

/** Options for {@link lintPackage}. */
export interface LintPackageOptions {
  /** The package folder (holding package.json). */
  dir: string;
  /** The core version the peer range must accept (default: the running `@downcity/core`). */
  coreVersion?: string;
  /**
   * Import the built entry in a child process: it must exist, default-export a definition of the
   * manifest's kind and id (or a channel), and its zod config must match the manifest's `config`
   * JSON Schema. Default `true`; `false` lints package.json and the folder only (before a build).
   */
  loadEntry?: boolean;
  /** The environment of the child process (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/**
 * Checks a plugin, service or channel package before it is published. Errors: name, version and
 * `private`; the `downcity` manifest, field by field, and attachments to first-party points with
 * their declared kinds; the `downcity-<kind>` keyword (and no other kind's); `@downcity/core` as a
 * peer with a valid range that accepts the current core; valid `requires` ranges; a channel's
 * `@downcity/chat` peer; an entry in `exports`, included in `files`; a README; and (unless
 * `loadEntry` is false) the built entry loading as the right definition with a config JSON Schema
 * equal to the one generated from its zod schema. Warnings: description, license, repository, a
 * `workspace:` range, an entry from `main` only. Never throws for a broken package: every finding
 * has a stable code from {@link LintCodes} and a message saying how to fix it.
 *
 * @example
 * ```ts
 * const report = await lintPackage({ dir: './downcity-plugin-weather' });
 * if (!report.ok) console.error(formatLintReport(report));
 * ```
 */
export async function lintPackage(options: LintPackageOptions): Promise<LintReport> {
  const directory = path.resolve(options.dir);
  const coreVersion = options.coreVersion ?? runningCoreVersion;
  const report = (problems: LintProblem[], fields: Partial<LintReport> = {}): LintReport => ({
    directory,
    ...fields,
    coreVersion,
    ok: problems.every((problem) => problem.severity !== 'error'),
    problems,
  });
  const file = path.join(directory, 'package.json');
  let packageJson: LintedPackageJson;
  try {
    packageJson = JSON.parse(await readFile(file, 'utf8')) as LintedPackageJson;
  } catch (error) {
    return report([lintError(LintCodes.PACKAGE_JSON_UNREADABLE, `Cannot read ${file}: ${(error as Error).message}. Run the lint in the package folder (or pass it).`, 'package.json')]);
  }
  const { kind, manifest, problems: manifestProblems } = checkManifestFields(packageJson);
  const loadEntry = options.loadEntry !== false;
  const problems: LintProblem[] = [
    ...checkIdentity(packageJson),
    ...manifestProblems,
    ...checkKeywords(packageJson, kind),
    ...checkRanges(packageJson, kind, coreVersion),
  ];
  const fileProblems = await checkPackageFiles({ directory, packageJson, requireBuilt: loadEntry });
  problems.push(...fileProblems);
  const built = !fileProblems.some((problem) => problem.code === LintCodes.ENTRY_MISSING || (problem.code === LintCodes.EXPORTS_MISSING && problem.severity === 'error'));
  if (loadEntry && built && kind !== undefined && (manifest !== undefined || kind === 'channel')) {
    problems.push(...(await checkEntry({ directory, packageJson, kind, manifest, env: options.env })));
  }
  problems.push(...checkListing(packageJson));
  return report(problems, {
    ...(typeof packageJson.name === 'string' ? { name: packageJson.name } : {}),
    ...(typeof packageJson.version === 'string' ? { version: packageJson.version } : {}),
    ...(kind ? { kind } : {}),
  });
}
