import type { DependencySource, DowncityPackageName } from '../dependencies/dependency-source.js';
import { envVariables, type EnvVariable } from './env-variables.js';
import { usedPackages } from './project-packages.js';
import type { ProjectOptions } from './project-options.js';

/** What the project templates render from: the choices plus everything derived from them. */
export interface ProjectShape {
  /** The choices. */
  options: ProjectOptions;
  /** The `@downcity/*` packages in `use`, in order. */
  packages: readonly DowncityPackageName[];
  /** Every environment variable the config references. */
  env: readonly EnvVariable[];
  /** Where dependency specs come from. */
  source: DependencySource;
}

/**
 * Derives the project shape from the choices.
 *
 * @param options - the project choices
 * @param source - released versions or local links
 */
export function projectShape(options: ProjectOptions, source: DependencySource): ProjectShape {
  return { options, packages: usedPackages(options), env: envVariables(options), source };
}

/**
 * Whether the project uses a service or plugin.
 *
 * @param shape - the project shape
 * @param feature - a feature choice
 */
export function uses(shape: ProjectShape, feature: ProjectOptions['features'][number]): boolean {
  return shape.options.features.includes(feature);
}
