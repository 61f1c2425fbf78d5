import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';
import type { PackageManagerChoice } from '../choices/choices.js';
import { createDowncityVersion, downcityVersions } from '../versions.js';
import { findLocalPackages } from './local-packages.js';

/** A package whose version create-downcity knows: every `@downcity/*` package and create-downcity itself. */
export type DowncityPackageName = keyof typeof downcityVersions | 'create-downcity';

/** Turns a Downcity package name into a dependency spec for a generated package.json. */
export interface DependencySource {
  /** The spec for `name`: an exact version, or a local `link:`/`file:` path. */
  spec(name: DowncityPackageName): string;
  /** The version the package is released with (also in local mode), for ranges such as `^0.1.0`. */
  version(name: DowncityPackageName): string;
  /** Whether specs point at a local workspace. */
  readonly local: boolean;
}

const versionOf = (name: DowncityPackageName): string => (name === 'create-downcity' ? createDowncityVersion : downcityVersions[name]);

/**
 * The dependency source for a project: exact released versions, or, with `localPackages`, links to a
 * Downcity workspace's package folders (`link:` for pnpm, `file:` for npm).
 *
 * @param options - the package manager and the optional workspace root
 */
export async function createDependencySource(options: { packageManager: PackageManagerChoice; localPackages?: string | undefined }): Promise<DependencySource> {
  if (!options.localPackages) return { spec: versionOf, version: versionOf, local: false };
  const folders = await findLocalPackages(options.localPackages);
  const protocol = options.packageManager === 'pnpm' ? 'link:' : 'file:';
  return {
    local: true,
    version: versionOf,
    spec(name) {
      const folder = folders.get(name);
      if (!folder) {
        throw new CreateDowncityError(CreateErrorCodes.LOCAL_PACKAGES, `The workspace at "${options.localPackages}" has no package "${name}".`, { details: { name } });
      }
      return `${protocol}${folder}`;
    },
  };
}
