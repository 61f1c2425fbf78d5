import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { coreVersion as runningCoreVersion } from '@downcity/core';
import semver from 'semver';
import { CORE_PACKAGE, isCoreCompatible } from '../candidate/core-compatibility.js';
import { checkManifest } from '../candidate/describe-version.js';
import type { PackumentVersion } from '../registry/packument.js';
import { isPackageName } from '../spec/parse-package-spec.js';

/** Options for {@link lintPackage}. */
export interface LintPackageOptions {
  /** The package folder (holding package.json). */
  dir: string;
  /** The core version the range should include (default: the running `@downcity/core`). */
  coreVersion?: string;
}

/** One lint finding. */
export interface LintProblem {
  /** An `error` blocks publishing; a `warning` is advice. */
  severity: 'error' | 'warning';
  /** The package.json field, e.g. `downcity.attaches` or `peerDependencies`. */
  field: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** The outcome of {@link lintPackage}. */
export interface LintReport {
  /** The package name, when readable. */
  name?: string;
  /** The version, when readable. */
  version?: string;
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  /** Every finding. */
  problems: LintProblem[];
}

type PackageJson = PackumentVersion & {
  private?: boolean;
  exports?: unknown;
  main?: string;
  files?: string[];
};

function entryOf(packageJson: PackageJson): string | undefined {
  const root = typeof packageJson.exports === 'object' && packageJson.exports !== null && '.' in packageJson.exports ? (packageJson.exports as Record<string, unknown>)['.'] : packageJson.exports;
  const pick = (target: unknown): string | undefined => {
    if (typeof target === 'string') return target;
    if (typeof target === 'object' && target !== null) {
      const conditions = target as Record<string, unknown>;
      for (const key of ['import', 'node', 'default']) if (key in conditions) return pick(conditions[key]);
    }
    return undefined;
  };
  return pick(root) ?? packageJson.main;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a plugin or service package before it is published: the manifest (each bad field), the
 * marketplace keyword, the `@downcity/core` peer range, the entry file and `files`, and the
 * metadata a listing shows. Reads files only; runs no code.
 */
export async function lintPackage(options: LintPackageOptions): Promise<LintReport> {
  const problems: LintProblem[] = [];
  const error = (field: string, message: string): void => void problems.push({ severity: 'error', field, message });
  const warn = (field: string, message: string): void => void problems.push({ severity: 'warning', field, message });
  let packageJson: PackageJson;
  try {
    packageJson = JSON.parse(await readFile(path.join(options.dir, 'package.json'), 'utf8')) as PackageJson;
  } catch (failure) {
    error('package.json', `Cannot read ${path.join(options.dir, 'package.json')}: ${(failure as Error).message}`);
    return { ok: false, problems };
  }
  const { name, version } = packageJson;
  if (typeof name !== 'string' || !isPackageName(name)) error('name', `"${String(name)}" is not a valid npm package name.`);
  if (typeof version !== 'string' || !semver.valid(version)) error('version', `"${String(version)}" is not a semver version.`);
  if (packageJson.private) error('private', 'The package is private; remove "private": true to publish it.');
  const { manifest, problems: manifestProblems } = checkManifest(packageJson);
  for (const problem of manifestProblems) error('downcity', problem);
  const keywords = packageJson.keywords ?? [];
  if (manifest && !keywords.includes(`downcity-${manifest.kind}`)) error('keywords', `Add the keyword "downcity-${manifest.kind}" so \`downcity plugins search\` finds it.`);
  if (manifest && keywords.includes(`downcity-${manifest.kind === 'plugin' ? 'service' : 'plugin'}`)) error('keywords', `A ${manifest.kind} must not carry the "downcity-${manifest.kind === 'plugin' ? 'service' : 'plugin'}" keyword.`);
  const range = packageJson.peerDependencies?.[CORE_PACKAGE];
  if (packageJson.dependencies?.[CORE_PACKAGE]) error('dependencies', `Move ${CORE_PACKAGE} to peerDependencies, so the agent and the plugin share one core.`);
  if (!range) error('peerDependencies', `Declare "${CORE_PACKAGE}" in peerDependencies with the range you support, e.g. "^${options.coreVersion ?? runningCoreVersion}".`);
  else if (/^(workspace|file|link):/.test(range)) warn('peerDependencies', `"${range}" only works inside a workspace; publish with \`pnpm publish\` (which rewrites it) or write a real range.`);
  else if (!semver.validRange(range)) error('peerDependencies', `"${range}" is not a semver range.`);
  else if (!isCoreCompatible(range, options.coreVersion ?? runningCoreVersion)) warn('peerDependencies', `"${range}" does not include ${CORE_PACKAGE} ${options.coreVersion ?? runningCoreVersion}; current projects would refuse it.`);
  const entry = entryOf(packageJson);
  if (!entry) error('exports', 'Declare the entry in "exports" (with an "import" condition) or "main".');
  else {
    if (!(await exists(path.join(options.dir, entry)))) error('exports', `The entry ${entry} does not exist; build the package before publishing.`);
    const normalized = entry.replace(/^\.\//, '');
    if (packageJson.files && !packageJson.files.some((item) => normalized === item.replace(/^\.\//, '') || normalized.startsWith(`${item.replace(/^\.\//, '').replace(/\/$/, '')}/`))) {
      error('files', `"files" does not include the entry ${entry}, so it would not be published.`);
    }
  }
  if (!packageJson.description) warn('description', 'Add a description; search results show it.');
  if (!packageJson.license) warn('license', 'Add a license.');
  if (!packageJson.repository) warn('repository', 'Add a repository so users can read the source before installing.');
  return { name, version, ok: problems.every((problem) => problem.severity !== 'error'), problems };
}
