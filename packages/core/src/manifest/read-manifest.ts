import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseWithSchema } from '../config/parse-with-schema.js';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { ManifestSchema, type Manifest } from './manifest-schema.js';

/** The parts of a package.json Downcity reads. */
export interface PackageInfo {
  /** The npm package name. */
  name: string;
  /** The package version. */
  version: string;
  /** Keywords (marketplace entries carry `downcity-plugin` or `downcity-service`). */
  keywords?: string[];
  /** Peer dependencies; a plugin declares its `@downcity/core` range here. */
  peerDependencies?: Record<string, string>;
  /** The raw `downcity` manifest field. */
  downcity?: unknown;
}

/** A package whose manifest has been validated. */
export interface ValidatedPackage {
  /** The npm package name. */
  name: string;
  /** The package version. */
  version: string;
  /** The validated manifest. */
  manifest: Manifest;
}

/** Validates the `downcity` field of a package.json, naming the package and each bad field on failure. */
export function validatePackageManifest(info: PackageInfo): ValidatedPackage {
  if (info.downcity === undefined) {
    throw new DowncityError(
      ErrorCodes.MANIFEST_INVALID,
      `Package "${info.name}" has no "downcity" field in its package.json. Add a manifest with at least { "id": ..., "kind": "service" | "plugin" }.`,
      { details: { package: info.name } },
    );
  }
  const manifest = parseWithSchema(ManifestSchema, info.downcity, {
    code: ErrorCodes.MANIFEST_INVALID,
    subject: `manifest in package "${info.name}" (package.json field "downcity")`,
    root: 'downcity',
  });
  {
    const own = manifest.kind === 'service' ? [...Object.keys(manifest.extensionPoints), ...Object.keys(manifest.actions)] : Object.keys(manifest.actions);
    for (const point of own) {
      if (!point.startsWith(`${manifest.id}/`)) {
        throw new DowncityError(
          ErrorCodes.MANIFEST_INVALID,
          `Invalid manifest in package "${info.name}": "${point}" must be named "${manifest.id}/<name>" because a package only declares points and actions under its own id.`,
          { details: { package: info.name, name: point } },
        );
      }
    }
  }
  return { name: info.name, version: info.version, manifest };
}

/**
 * Reads and validates the manifest of an installed package from its package.json, without
 * running any of the package's code.
 */
export async function readPackageManifest(packageDirectory: string): Promise<ValidatedPackage & { info: PackageInfo }> {
  const file = path.join(packageDirectory, 'package.json');
  let info: PackageInfo;
  try {
    info = JSON.parse(await readFile(file, 'utf8')) as PackageInfo;
  } catch (error) {
    throw new DowncityError(ErrorCodes.MANIFEST_INVALID, `Cannot read ${file}: ${(error as Error).message}. Check that the package is installed.`, {
      cause: error,
    });
  }
  return { ...validatePackageManifest(info), info };
}
