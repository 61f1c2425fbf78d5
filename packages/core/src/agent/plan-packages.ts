import semver from 'semver';
import type { PackageDefinition } from '../definition/define-plugin.js';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type { Manifest, PointKind } from '../manifest/manifest-schema.js';
import { validatePackageManifest } from '../manifest/read-manifest.js';
import { coreVersion } from '../version.js';

/** A package validated and placed in load order. */
export interface PlannedPackage {
  /** The definition passed to the agent. */
  definition: PackageDefinition;
  /** npm name. */
  name: string;
  /** Version. */
  version: string;
  /** Validated manifest. */
  manifest: Manifest;
  /** Attachments to points whose service is not installed, skipped because marked optional. */
  skipped: string[];
}

/** The validated load plan. */
export interface LoadPlan {
  /** Packages in dependency order (required services before their dependents). */
  packages: PlannedPackage[];
  /** Declared extension points: name to owner and kind. */
  points: Map<string, { owner: string; kind: PointKind }>;
}

const describe = (planned: { manifest: Manifest; name: string }): string => `${planned.manifest.kind} "${planned.manifest.id}" (${planned.name})`;

function checkCoreRange(name: string, range: string | undefined): void {
  if (!range || range.startsWith('workspace:')) return;
  if (!semver.validRange(range) || !semver.satisfies(coreVersion, range, { includePrerelease: true })) {
    throw new DowncityError(
      ErrorCodes.VERSION_MISMATCH,
      `Package "${name}" needs @downcity/core ${range}, but ${coreVersion} is running. Install a version of "${name}" built for this core, or upgrade @downcity/core.`,
      { details: { package: name, range, coreVersion } },
    );
  }
}

function order(packages: PlannedPackage[]): PlannedPackage[] {
  const byId = new Map(packages.map((entry) => [entry.manifest.id, entry]));
  const state = new Map<string, 'visiting' | 'done'>();
  const result: PlannedPackage[] = [];
  const visit = (entry: PlannedPackage, trail: string[]): void => {
    const id = entry.manifest.id;
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id].join(' -> ');
      throw new DowncityError(ErrorCodes.DEPENDENCY_CYCLE, `Packages require each other in a cycle: ${cycle}. Remove one of these requirements.`, {
        details: { cycle },
      });
    }
    state.set(id, 'visiting');
    for (const required of Object.keys(entry.manifest.requires)) {
      const dependency = byId.get(required);
      if (dependency) visit(dependency, [...trail, id]);
    }
    state.set(id, 'done');
    result.push(entry);
  };
  for (const entry of packages) visit(entry, []);
  return result;
}

/**
 * Validates every manifest and the relations between packages, and orders them. Throws a clear
 * error naming the culprit for: an invalid manifest, a duplicate id, a missing required service,
 * an unmet version range, a dependency cycle, two providers of one resolve point, or an
 * attachment to a point nobody declares.
 */
export function planPackages(definitions: readonly PackageDefinition[]): LoadPlan {
  const planned: PlannedPackage[] = [];
  const ids = new Map<string, string>();
  for (const definition of definitions) {
    const validated = validatePackageManifest(definition.package);
    if (validated.manifest.kind !== definition.kind) {
      throw new DowncityError(
        ErrorCodes.MANIFEST_INVALID,
        `Package "${validated.name}" is passed as a ${definition.kind} but its manifest says kind "${validated.manifest.kind}". Pass it in the ${validated.manifest.kind}s list.`,
      );
    }
    const existing = ids.get(validated.manifest.id);
    if (existing) {
      throw new DowncityError(ErrorCodes.DUPLICATE_PACKAGE, `Packages "${existing}" and "${validated.name}" both use id "${validated.manifest.id}". Remove one of them.`);
    }
    ids.set(validated.manifest.id, validated.name);
    checkCoreRange(validated.name, definition.package.peerDependencies?.['@downcity/core']);
    planned.push({ definition, ...validated, skipped: [] });
  }

  const services = new Map(planned.filter((entry) => entry.manifest.kind === 'service').map((entry) => [entry.manifest.id, entry]));
  for (const entry of planned) {
    for (const [required, range] of Object.entries(entry.manifest.requires)) {
      const service = services.get(required);
      if (!service) {
        throw new DowncityError(
          ErrorCodes.SERVICE_MISSING,
          `${describe(entry)} requires service "${required}" (${range}), which is not installed. Add the package that provides "${required}" to services, or remove ${entry.manifest.id}.`,
          { details: { package: entry.name, requires: required, range } },
        );
      }
      if (!semver.validRange(range) || !semver.satisfies(service.version, range, { includePrerelease: true })) {
        throw new DowncityError(
          ErrorCodes.VERSION_MISMATCH,
          `${describe(entry)} requires service "${required}" ${range}, but ${service.name}@${service.version} is installed. Install a matching version.`,
          { details: { package: entry.name, requires: required, range, installed: service.version } },
        );
      }
    }
  }

  const ordered = order(planned);
  const points = new Map<string, { owner: string; kind: PointKind }>();
  for (const service of services.values()) {
    if (service.manifest.kind !== 'service') continue;
    for (const [point, declaration] of Object.entries(service.manifest.extensionPoints)) points.set(point, { owner: service.manifest.id, kind: declaration.kind });
  }

  const resolvers = new Map<string, string>();
  for (const entry of ordered) {
    for (const [point, attachment] of Object.entries(entry.manifest.attaches)) {
      const declared = points.get(point);
      const serviceId = point.slice(0, point.indexOf('/'));
      if (!declared) {
        if (attachment.optional && !services.has(serviceId)) {
          entry.skipped.push(point);
          continue;
        }
        throw new DowncityError(
          ErrorCodes.EXTENSION_POINT_UNKNOWN,
          services.has(serviceId)
            ? `${describe(entry)} attaches to "${point}", but service "${serviceId}" declares no such point. Check the name against that service's manifest.`
            : `${describe(entry)} attaches to "${point}", but no installed service declares it. Install service "${serviceId}", or mark the attachment optional.`,
          { details: { package: entry.name, point } },
        );
      }
      if (declared.kind !== attachment.kind) {
        throw new DowncityError(
          ErrorCodes.EXTENSION_POINT_UNKNOWN,
          `${describe(entry)} attaches to "${point}" as a ${attachment.kind}, but "${declared.owner}" declares it as a ${declared.kind}.`,
          { details: { package: entry.name, point } },
        );
      }
      if (declared.kind === 'resolve') {
        const other = resolvers.get(point);
        if (other) {
          throw new DowncityError(
            ErrorCodes.RESOLVE_CONFLICT,
            `Both "${other}" and "${entry.manifest.id}" resolve "${point}", which takes exactly one provider. Remove or disable one of them.`,
            { details: { point, providers: [other, entry.manifest.id] } },
          );
        }
        resolvers.set(point, entry.manifest.id);
      }
    }
  }
  return { packages: ordered, points };
}
