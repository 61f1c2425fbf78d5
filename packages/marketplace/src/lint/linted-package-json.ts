import type { EntryFields } from './package-entry.js';

/** The package.json fields the lint reads, as found (nothing is trusted to have the right type). */
export interface LintedPackageJson extends EntryFields {
  name?: unknown;
  version?: unknown;
  private?: unknown;
  description?: unknown;
  license?: unknown;
  repository?: unknown;
  keywords?: unknown;
  files?: unknown;
  dependencies?: Record<string, unknown>;
  peerDependencies?: Record<string, unknown>;
  downcity?: unknown;
}

/** The package's keywords that are strings. */
export function keywordsOf(packageJson: LintedPackageJson): string[] {
  return Array.isArray(packageJson.keywords) ? packageJson.keywords.filter((keyword): keyword is string => typeof keyword === 'string') : [];
}
