import type { Manifest } from '@downcity/core';
import { checkManifest } from '../candidate/describe-version.js';
import { isChannelPackage, type DowncityPackageKind } from '../candidate/package-kind.js';
import { FIRST_PARTY_POINTS } from './first-party-points.js';
import { lintError, LintCodes, type LintProblem } from './lint-codes.js';
import type { LintedPackageJson } from './linted-package-json.js';

/** What the manifest check found: the kind, the validated manifest, and the problems. */
export interface ManifestFindings {
  /** The kind: from the manifest (even an invalid one, when it names a kind), or `channel` from the keyword. */
  kind?: DowncityPackageKind;
  /** The validated manifest, when valid. */
  manifest?: Manifest;
  /** Problems, field by field. */
  problems: LintProblem[];
}

function checkAttachKinds(manifest: Manifest): LintProblem[] {
  return Object.entries(manifest.attaches).flatMap(([point, attachment]) => {
    const known = (FIRST_PARTY_POINTS as Record<string, { kind: string; package: string } | undefined>)[point];
    if (!known || known.kind === attachment.kind) return [];
    return [
      lintError(
        LintCodes.ATTACH_KIND_MISMATCH,
        `${point} is a ${known.kind} point (declared by ${known.package}), but the manifest attaches to it as a ${attachment.kind}. Set "kind": "${known.kind}" and write a ${known.kind} handler.`,
        `downcity.attaches.${point}.kind`,
      ),
    ];
  });
}

/**
 * Checks the `downcity` manifest against core's ManifestSchema (each bad field its own problem) and
 * attachments to first-party points against their declared kinds. A package with the
 * `downcity-channel` keyword and no manifest is a chat channel and needs none.
 */
export function checkManifestFields(packageJson: LintedPackageJson): ManifestFindings {
  if (isChannelPackage(packageJson)) return { kind: 'channel', problems: [] };
  if (packageJson.downcity === undefined) {
    return {
      problems: [
        lintError(
          LintCodes.MANIFEST_MISSING,
          'package.json has no "downcity" manifest. Add one with at least { "id": "my-plugin", "kind": "plugin", "attaches": { ... } } (see docs/guides/writing-a-plugin.md); a chat channel carries the "downcity-channel" keyword instead.',
          'downcity',
        ),
      ],
    };
  }
  const name = typeof packageJson.name === 'string' ? packageJson.name : '(unnamed)';
  const version = typeof packageJson.version === 'string' ? packageJson.version : '0.0.0';
  const checked = checkManifest({ name, version, downcity: packageJson.downcity });
  if (checked.manifest) return { kind: checked.manifest.kind, manifest: checked.manifest, problems: checkAttachKinds(checked.manifest) };
  const raw = (packageJson.downcity as { kind?: unknown } | null)?.kind;
  return {
    kind: raw === 'plugin' || raw === 'service' ? raw : undefined,
    problems: checked.fields.map((field) => lintError(LintCodes.MANIFEST_INVALID, field.path ? `${field.path}: ${field.message}` : field.message, field.path ?? 'downcity')),
  };
}
