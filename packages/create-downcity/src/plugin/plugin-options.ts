import type { PackageManagerChoice } from '../choices/choices.js';
import type { KnownPointName } from './extension-point-catalog.js';

/** Everything needed to write and install a third-party plugin package. */
export interface PluginOptions {
  /** The npm package name, e.g. `downcity-plugin-weather` or `@acme/downcity-plugin-weather`. */
  name: string;
  /** The manifest id: the name without scope and `downcity-plugin-` prefix, e.g. `weather`. */
  id: string;
  /** The folder to write, absolute. */
  directory: string;
  /** The extension points to attach typed handlers to; at least one. */
  attach: readonly KnownPointName[];
  /** The package manager that installs the package and runs its scripts. */
  packageManager: PackageManagerChoice;
  /** Whether to install dependencies after writing the files. */
  install: boolean;
  /** Whether a non-empty target folder is allowed (existing files are never replaced). */
  force: boolean;
  /** A Downcity workspace root to link `@downcity/*` packages from instead of versions (see ProjectOptions). */
  localPackages?: string;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The manifest id for a plugin package name: without the scope and a `downcity-plugin-` prefix, or
 * `undefined` when what is left is not a valid id (lowercase words joined by single dashes).
 *
 * @param name - the npm package name
 */
export function pluginIdOf(name: string): string | undefined {
  const unscoped = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  const id = unscoped.replace(/^downcity-plugin-/, '');
  return ID.test(id) ? id : undefined;
}
