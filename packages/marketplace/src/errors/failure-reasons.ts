/**
 * Why a marketplace operation failed, finer than the core error code. Carried in
 * `DowncityError.details.reason`; stable once released, new reasons may be added.
 */
export const FailureReasons = {
  /** The registry could not be reached or answered with an unexpected status. */
  registryFailed: 'registry-failed',
  /** The registry refused the request (401/403): a token is missing or wrong. */
  registryUnauthorized: 'registry-unauthorized',
  /** No package with that name on the registry. */
  notFound: 'not-found',
  /** The package exists but no version matches the requested range or tag. */
  noMatchingVersion: 'no-matching-version',
  /** The package lacks the `downcity-plugin` / `downcity-service` keyword. */
  keywordMissing: 'keyword-missing',
  /** The `downcity` manifest is missing or invalid. */
  manifestInvalid: 'manifest-invalid',
  /** The package's `@downcity/core` range does not include the project's core. */
  coreIncompatible: 'core-incompatible',
  /** The user (or the absence of `yes` / a confirm callback) refused the install. */
  refused: 'refused',
  /** The config's `use` array could not be found or edited. */
  useArrayNotFound: 'use-array-not-found',
  /** The project has no downcity.config file or no package.json. */
  projectNotFound: 'project-not-found',
  /** The package manager failed. */
  installFailed: 'install-failed',
  /** The installed package failed to load in a dry run. */
  loadFailed: 'load-failed',
  /** The package is not installed in the project. */
  notInstalled: 'not-installed',
  /** An installed package failed verification (integrity, files, manifest or load). */
  verifyFailed: 'verify-failed',
  /** A package failed lint before publishing. */
  lintFailed: 'lint-failed',
  /** The package manager is not supported. */
  packageManagerUnsupported: 'package-manager-unsupported',
} as const;

/** One of {@link FailureReasons}. */
export type FailureReason = (typeof FailureReasons)[keyof typeof FailureReasons];
