import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validatePackageManifest, type PackageInfo } from '@downcity/core';
import { downcityVersions } from '../versions.js';
import { checkAttachKinds } from './check-attach-kinds.js';
import { checkConfigSchema } from './check-config-schema.js';
import { checkPackageFields } from './check-package-fields.js';
import { checkRanges } from './check-ranges.js';
import { ManifestLintCodes, type ManifestLintProblem, type ManifestLintReport } from './lint-codes.js';
import type { LintedPackageJson } from './package-json.js';

/** Options for {@link lintManifest}. */
export interface LintManifestOptions {
  /** The `@downcity/core` version the peer range must accept. Default: the core released with this create-downcity. */
  coreVersion?: string;
  /** Import the built entry to compare the config JSON Schema with the zod schema. Default `true`. */
  checkConfigSchema?: boolean;
}

/**
 * Lints a Downcity plugin (or service) package before it is published: the `downcity` manifest validates
 * against core's ManifestSchema and attaches to first-party points with their declared kinds; the `downcity-plugin` (or `downcity-service`) keyword is present; the
 * `@downcity/core` peer range is valid and accepts the current core; `requires` ranges are valid; the
 * manifest's config JSON Schema equals the one generated from the exported zod schema (needs a build);
 * `exports`, `files` and a README are present. Never throws for a broken package: every finding is a problem
 * with a stable code and a message saying how to fix it.
 *
 * @param packageDirectory - the folder holding the package.json
 * @param options - the core version to check against, and whether to import the entry
 *
 * @example
 * ```ts
 * const report = await lintManifest('./downcity-plugin-weather');
 * if (!report.ok) for (const problem of report.problems) console.error(`${problem.code}: ${problem.message}`);
 * ```
 */
export async function lintManifest(packageDirectory: string, options: LintManifestOptions = {}): Promise<ManifestLintReport> {
  const directory = path.resolve(packageDirectory);
  const coreVersion = options.coreVersion ?? downcityVersions['@downcity/core'];
  const report = (problems: ManifestLintProblem[], packageName?: string): ManifestLintReport => ({
    directory,
    ...(packageName === undefined ? {} : { packageName }),
    coreVersion,
    ok: problems.length === 0,
    problems,
  });
  let pkg: LintedPackageJson;
  try {
    pkg = JSON.parse(await readFile(path.join(directory, 'package.json'), 'utf8')) as LintedPackageJson;
  } catch (error) {
    return report([{ code: ManifestLintCodes.PACKAGE_JSON_UNREADABLE, message: `Cannot read ${path.join(directory, 'package.json')}: ${(error as Error).message}.` }]);
  }
  const name = typeof pkg.name === 'string' ? pkg.name : '(unnamed)';
  const problems: ManifestLintProblem[] = [];
  let kind: 'plugin' | 'service' | undefined;
  let manifestValid = false;
  if (pkg.downcity === undefined) {
    problems.push({
      code: ManifestLintCodes.MANIFEST_MISSING,
      field: 'downcity',
      message: 'package.json has no "downcity" manifest. Add one with at least { "id": "my-plugin", "kind": "plugin", "attaches": { ... } } (see docs/guides/writing-a-plugin.md).',
    });
  } else {
    try {
      const { manifest } = validatePackageManifest({ ...(pkg as PackageInfo), name, version: String(pkg.version ?? '0.0.0') });
      kind = manifest.kind;
      manifestValid = true;
      problems.push(...checkAttachKinds(manifest));
    } catch (error) {
      problems.push({ code: ManifestLintCodes.MANIFEST_INVALID, field: 'downcity', message: (error as Error).message });
      const raw = (pkg.downcity as { kind?: unknown }).kind;
      kind = raw === 'service' || raw === 'plugin' ? raw : undefined;
    }
  }
  problems.push(...(await checkPackageFields(directory, pkg, kind)), ...checkRanges(pkg, coreVersion));
  if (manifestValid && options.checkConfigSchema !== false) problems.push(...(await checkConfigSchema(directory, pkg)));
  return report(problems, name);
}
