import { ErrorCodes, type ErrorCode } from '@downcity/core';
import semver from 'semver';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons, type FailureReason } from '../errors/failure-reasons.js';
import type { PackumentVersion } from '../registry/packument.js';
import { CORE_PACKAGE } from './core-compatibility.js';
import { describeVersion, MARKETPLACE_KEYWORDS, type PackageListing } from './describe-version.js';
import type { DowncityPackageKind } from './package-kind.js';

/** A Downcity package the project already uses (from its config's `use`). */
export interface InstalledPackage {
  /** The package name. */
  name: string;
  /** The installed version. */
  version: string;
  /** The manifest id, when it has a valid manifest. */
  id?: string;
  /** `service` or `plugin` when it has a valid manifest; `channel` for a chat channel package. */
  kind?: DowncityPackageKind;
  /** The services it requires, by id, when it has a valid manifest. */
  requires?: Record<string, string>;
}

/** Options for {@link checkCandidate}. */
export interface CheckCandidateOptions {
  /** The version's package.json, as the registry serves it. */
  version: PackumentVersion;
  /** The project's `@downcity/core` version. */
  coreVersion: string;
  /** The packages in the project's `use`; when given, required services are checked against them. */
  installed?: InstalledPackage[];
}

/** A reason to refuse a package. */
export interface CandidateProblem {
  /** The core error code it maps to. */
  code: ErrorCode;
  /** The marketplace reason. */
  reason: FailureReason;
  /** What is wrong and what to do. */
  message: string;
}

/** The outcome of {@link checkCandidate}. */
export interface CandidateCheck {
  /** The version described (points, permissions, compatibility). */
  listing: PackageListing;
  /** Whether it may be installed (no problems). */
  ok: boolean;
  /** Reasons to refuse it. */
  problems: CandidateProblem[];
  /** Things to tell the user that do not block the install (e.g. a required service missing from `use`). */
  warnings: string[];
}

function requiredServiceWarnings(listing: PackageListing, installed: InstalledPackage[]): string[] {
  const warnings: string[] = [];
  for (const [id, range] of Object.entries(listing.requires)) {
    const service = installed.find((item) => item.id === id && item.kind === 'service');
    if (!service) {
      warnings.push(`${listing.name} requires the "${id}" service (${range}), which is not in the config's use. Add the package that provides it (e.g. @downcity/${id}) before starting the agent.`);
    } else if (semver.validRange(range) && !semver.satisfies(service.version, range, { includePrerelease: true })) {
      warnings.push(`${listing.name} requires the "${id}" service ${range}, but ${service.name}@${service.version} is installed.`);
    }
  }
  return warnings;
}

/**
 * Checks a version before anything is installed: the keyword, the manifest (listing each bad
 * field), the `@downcity/core` range against the project's core, and (as warnings) the services
 * it requires against the project's `use`. Never throws; see {@link assertCandidate}.
 */
export function checkCandidate(options: CheckCandidateOptions): CandidateCheck {
  const listing = describeVersion(options.version, options.coreVersion);
  const label = `${listing.name}@${listing.version}`;
  const problems: CandidateProblem[] = [];
  if (!listing.keywords.some((keyword) => (MARKETPLACE_KEYWORDS as readonly string[]).includes(keyword))) {
    problems.push({
      code: ErrorCodes.MANIFEST_INVALID,
      reason: FailureReasons.keywordMissing,
      message: `${label} is not a Downcity package: its keywords include none of "downcity-plugin", "downcity-service" and "downcity-channel".`,
    });
  }
  if (!listing.manifestValid) {
    problems.push({
      code: ErrorCodes.MANIFEST_INVALID,
      reason: FailureReasons.manifestInvalid,
      message: `${label} has an invalid "downcity" manifest:\n${listing.manifestProblems.map((problem) => `  - ${problem}`).join('\n')}\nAsk its author to fix it (\`downcity plugins lint\` shows the same).`,
    });
  } else if (listing.kind && !listing.keywords.includes(`downcity-${listing.kind}`)) {
    problems.push({
      code: ErrorCodes.MANIFEST_INVALID,
      reason: FailureReasons.keywordMissing,
      message: `${label} is a ${listing.kind} by its manifest but lacks the "downcity-${listing.kind}" keyword.`,
    });
  }
  if (!listing.coreRange) {
    problems.push({
      code: ErrorCodes.VERSION_MISMATCH,
      reason: FailureReasons.coreIncompatible,
      message: `${label} declares no peer dependency on ${CORE_PACKAGE}, so its compatibility is unknown.`,
    });
  } else if (!listing.compatible) {
    problems.push({
      code: ErrorCodes.VERSION_MISMATCH,
      reason: FailureReasons.coreIncompatible,
      message: `${label} needs ${CORE_PACKAGE} ${listing.coreRange}, but this project has ${CORE_PACKAGE} ${options.coreVersion}. Pick a version that supports your core, or upgrade ${CORE_PACKAGE}.`,
    });
  }
  const warnings = options.installed ? requiredServiceWarnings(listing, options.installed) : [];
  if (listing.deprecated) warnings.push(`${label} is deprecated: ${listing.deprecated}`);
  return { listing, ok: problems.length === 0, problems, warnings };
}

/** Throws one error listing every problem of a failed check (the first problem's code and reason). */
export function assertCandidate(check: CandidateCheck): void {
  const [first] = check.problems;
  if (!first) return;
  const message = check.problems.length === 1 ? first.message : `Refusing ${check.listing.name}@${check.listing.version}:\n${check.problems.map((problem) => `- ${problem.message}`).join('\n')}`;
  throw marketplaceError(first.code, message, {
    reason: first.reason,
    details: {
      name: check.listing.name,
      version: check.listing.version,
      problems: check.problems.map((problem) => ({ reason: problem.reason, message: problem.message })),
    },
  });
}
