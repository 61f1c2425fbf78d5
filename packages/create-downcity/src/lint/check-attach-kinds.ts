import type { Manifest } from '@downcity/core';
import { KNOWN_POINTS } from '../plugin/extension-point-catalog.js';
import { ManifestLintCodes, type ManifestLintProblem } from './lint-codes.js';

/**
 * Checks that attachments to first-party extension points use the kind the declaring service gives them
 * (the agent refuses to start otherwise). Points of other services are not known here and pass.
 *
 * @param manifest - the validated manifest
 */
export function checkAttachKinds(manifest: Manifest): ManifestLintProblem[] {
  return Object.entries(manifest.attaches).flatMap(([point, attachment]) => {
    const known = (KNOWN_POINTS as Record<string, { kind: string; package: string } | undefined>)[point];
    if (!known || known.kind === attachment.kind) return [];
    return [
      {
        code: ManifestLintCodes.ATTACH_KIND_MISMATCH,
        field: `downcity.attaches.${point}.kind`,
        message: `${point} is a ${known.kind} point (declared by ${known.package}), but the manifest attaches to it as a ${attachment.kind}. Set "kind": "${known.kind}" and write a ${known.kind} handler.`,
      },
    ];
  });
}
