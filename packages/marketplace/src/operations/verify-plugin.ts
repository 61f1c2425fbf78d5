import { ErrorCodes, type Manifest } from '@downcity/core';
import { checkManifest } from '../candidate/describe-version.js';
import { isChannelPackage } from '../candidate/package-kind.js';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';
import { findInstalledPackage } from '../project/find-installed-package.js';
import { parsePackageSpec } from '../spec/parse-package-spec.js';
import { compareInstalledFiles, type FileDifferences } from '../verify/compare-installed-files.js';
import { dryRunLoad } from '../verify/dry-run-load.js';
import { loadInstalled } from '../verify/load-installed.js';
import { checkIntegrity } from '../verify/integrity.js';
import { readTarball } from '../verify/read-tarball.js';
import { openMarketplace, type MarketplaceOptions } from './marketplace-options.js';

/** Options for {@link verifyPlugin}. */
export interface VerifyPluginOptions extends MarketplaceOptions {
  /** The project folder the package is installed in. */
  projectDir: string;
  /** The package name. */
  name: string;
  /** Skip the dry-run import (default false). */
  skipLoad?: boolean;
  /** Give the dry-run import this long (default 30 000 ms). */
  loadTimeoutMs?: number;
}

/** One check of {@link verifyPlugin}. */
export interface VerifyCheck {
  /** `integrity`: the registry tarball matches `dist.integrity`; `files`: the installed files match the tarball; `manifest`: valid; `load`: imports as a definition. */
  check: 'integrity' | 'files' | 'manifest' | 'load';
  /** Whether it passed. */
  ok: boolean;
  /** What was found. */
  message: string;
}

/** The outcome of {@link verifyPlugin}. */
export interface VerifyReport {
  /** The package name. */
  name: string;
  /** The installed version. */
  version: string;
  /** The manifest id of a plugin or service with a valid manifest. */
  id?: string;
  /** Whether every check passed. */
  ok: boolean;
  /** Each check, in order. */
  checks: VerifyCheck[];
  /** How the installed files differ from the tarball, when they do. */
  differences?: FileDifferences;
}

function describeDifferences(differences: FileDifferences): string {
  const parts = [
    differences.changed.length > 0 ? `changed: ${differences.changed.join(', ')}` : '',
    differences.missing.length > 0 ? `missing: ${differences.missing.join(', ')}` : '',
    differences.extra.length > 0 ? `not in the tarball: ${differences.extra.join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/**
 * Verifies an installed package against the registry: downloads its tarball and compares the
 * sha512 with `dist.integrity`, compares every installed file with the tarball, validates the
 * manifest (a chat channel needs none), and imports the entry in a child process to check its
 * default export is a definition with the manifest's id, or a channel definition (no agent is
 * started). Every check runs; the report says which failed.
 */
export async function verifyPlugin(options: VerifyPluginOptions): Promise<VerifyReport> {
  const { name } = parsePackageSpec(options.name);
  const installed = await findInstalledPackage(name, options.projectDir);
  if (!installed) {
    throw marketplaceError(ErrorCodes.INPUT_INVALID, `${name} is not installed in ${options.projectDir}.`, { reason: FailureReasons.notInstalled, details: { name } });
  }
  const version = installed.packageJson.version;
  const checks: VerifyCheck[] = [];
  const report: VerifyReport = { name, version, ok: false, checks };
  const { client } = await openMarketplace({ ...options, projectDir: options.projectDir });
  const published = (await client.packument(name)).versions[version];
  if (!published) {
    checks.push({ check: 'integrity', ok: false, message: `${name}@${version} is not on the registry, so its integrity cannot be checked.` });
  } else {
    const bytes = await client.tarball(published.dist.tarball);
    const integrity = checkIntegrity(bytes, published.dist.integrity, published.dist.shasum);
    checks.push({
      check: 'integrity',
      ok: integrity.ok,
      message: integrity.ok
        ? `tarball ${integrity.algorithm} matches the registry's dist.integrity`
        : integrity.expected
          ? `tarball ${integrity.algorithm} is ${integrity.actual}, the registry says ${integrity.expected}`
          : 'the registry publishes no integrity for this version',
    });
    const differences = await compareInstalledFiles(installed.dir, readTarball(bytes));
    const same = differences.changed.length + differences.missing.length + differences.extra.length === 0;
    if (!same) report.differences = differences;
    checks.push({ check: 'files', ok: same, message: same ? 'installed files match the tarball' : `installed files differ from the tarball: ${describeDifferences(differences)}` });
  }
  const channel = isChannelPackage(installed.packageJson);
  let checkedManifest: Manifest | undefined;
  if (channel) {
    checks.push({ check: 'manifest', ok: true, message: 'a chat channel (keyword downcity-channel); channels need no manifest' });
  } else {
    const { manifest, problems } = checkManifest(installed.packageJson);
    checkedManifest = manifest;
    checks.push({ check: 'manifest', ok: manifest !== undefined, message: manifest ? `valid ${manifest.kind} manifest "${manifest.id}"` : `invalid manifest: ${problems.join('; ')}` });
    report.id = manifest?.id;
  }
  if (!options.skipLoad) {
    const load =
      channel || checkedManifest
        ? await loadInstalled({ projectDir: options.projectDir, installed, ...(checkedManifest ? { manifest: checkedManifest } : {}), env: options.env ?? process.env, ...(options.loadTimeoutMs !== undefined ? { timeoutMs: options.loadTimeoutMs } : {}) })
        : await dryRunLoad({ projectDir: options.projectDir, name, expectedId: report.id, timeoutMs: options.loadTimeoutMs, env: options.env });
    checks.push({ check: 'load', ok: load.ok, message: load.ok ? `loads as a ${load.kind} definition "${load.id}"` : load.problems.join('; ') });
  }
  report.ok = checks.every((item) => item.ok);
  return report;
}
