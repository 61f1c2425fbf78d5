import type { Permissions, PointKind } from '../manifest/manifest-schema.js';

/** What the agent reports about a loaded package (for `downcity plugins list` and `status`). */
export interface PackageSummary {
  /** The package id. */
  id: string;
  /** `service` or `plugin`. */
  kind: 'service' | 'plugin';
  /** npm name. */
  name: string;
  /** Version. */
  version: string;
  /** Extension points the service declares. */
  declares: { name: string; kind: PointKind; description: string }[];
  /** Points the package attaches to. */
  attaches: { name: string; kind: PointKind; skipped: boolean }[];
  /** Actions the service provides. */
  actions: { name: string; description: string; tool: boolean }[];
  /** Permissions from the manifest. */
  permissions: Permissions;
  /** What of those permissions is enforced, and how, one line each (decision 0028). */
  enforced: string[];
}
