/**
 * `create-downcity`: scaffolds Downcity agent projects and third-party plugin packages, and lints a plugin's
 * manifest before publishing (with `@downcity/marketplace`'s lint). The `create-downcity` command wraps these
 * functions; `create-downcity/lint` exports the lint alone.
 *
 * @packageDocumentation
 */
export { createProject } from './project/create-project.js';
export type { ProjectOptions } from './project/project-options.js';
export { createPluginPackage } from './plugin/create-plugin-package.js';
export { pluginIdOf, type PluginOptions } from './plugin/plugin-options.js';
export { KNOWN_POINTS, KNOWN_POINT_NAMES, type KnownPoint, type KnownPointName } from './plugin/extension-point-catalog.js';
export type { GeneratorHooks, GeneratorResult, ProgressEvent } from './project/progress.js';
export {
  CHANNELS,
  CHOICE_DESCRIPTIONS,
  DEFAULT_CHOICES,
  FEATURES,
  MODEL_PROVIDERS,
  PACKAGE_MANAGERS,
  type ChannelChoice,
  type FeatureChoice,
  type ModelProviderChoice,
  type PackageManagerChoice,
} from './choices/choices.js';
export { CreateDowncityError, type CreateDowncityErrorOptions } from './errors/create-downcity-error.js';
export { CreateErrorCodes, type CreateErrorCode } from './errors/error-codes.js';
export { lintManifest, type LintManifestOptions, type ManifestLintReport } from './lint/lint-manifest.js';
export { formatLintReport, LintCodes as ManifestLintCodes, type LintCode as ManifestLintCode, type LintProblem as ManifestLintProblem } from '@downcity/marketplace';
export { createDowncityVersion, downcityVersions, toolVersions } from './versions.js';
export type { DowncityPackageName } from './dependencies/dependency-source.js';
