import path from 'node:path';
import type { Manifest } from '@downcity/core';
import type { DowncityPackageKind } from '../candidate/package-kind.js';
import { dryRunLoad } from '../verify/dry-run-load.js';
import { findPackageCore } from './find-package-core.js';
import { jsonEqual } from './json-equal.js';
import { lintError, LintCodes, type LintProblem } from './lint-codes.js';
import type { LintedPackageJson } from './linted-package-json.js';
import { entryPathOf } from './package-entry.js';

/** Options for {@link checkEntry}. */
export interface CheckEntryOptions {
  /** The package folder. */
  directory: string;
  /** Its package.json. */
  packageJson: LintedPackageJson;
  /** The kind the manifest (or keyword) says. */
  kind: DowncityPackageKind;
  /** The validated manifest of a plugin or service. */
  manifest?: Manifest;
  /** The environment of the child process. */
  env?: Record<string, string | undefined>;
}

function compareConfigSchema(declared: unknown, generated: Record<string, unknown> | null): LintProblem[] {
  if (generated === null) {
    return declared === undefined
      ? []
      : [lintError(LintCodes.CONFIG_SCHEMA_MISMATCH, 'The manifest declares a config JSON Schema, but the definition has no config schema. Remove downcity.config or add config to the definition.', 'downcity.config')];
  }
  if (declared === undefined) {
    return [
      lintError(
        LintCodes.CONFIG_SCHEMA_MISSING,
        "The definition has a config schema, but the manifest has no \"config\" JSON Schema for editors and `plugins add`. Write it with configJsonSchema(ConfigSchema) from @downcity/core (the scaffold's build does).",
        'downcity.config',
      ),
    ];
  }
  if (jsonEqual(declared, generated)) return [];
  return [
    lintError(
      LintCodes.CONFIG_SCHEMA_MISMATCH,
      'The manifest\'s "config" JSON Schema does not match the zod config schema the package exports. Regenerate it after changing the schema: build again (the scaffold\'s scripts/write-config-schema.mjs writes it).',
      'downcity.config',
    ),
  ];
}

/**
 * Imports the built entry in a child process (as the agent's loader would, no agent started) and
 * checks its default export: a definition of the manifest's kind carrying its id, or a chat channel
 * definition; for a plugin or service, that the manifest's `config` JSON Schema equals the one
 * generated from the definition's zod schema by the `@downcity/core` the package resolves.
 */
export async function checkEntry(options: CheckEntryOptions): Promise<LintProblem[]> {
  const entry = entryPathOf(options.packageJson);
  if (entry === undefined) return [];
  const channel = options.kind === 'channel';
  const load = await dryRunLoad({
    projectDir: options.directory,
    entryFile: path.join(options.directory, entry),
    expect: channel ? 'channel' : 'package',
    expectedId: options.manifest?.id,
    configSchemaCore: channel ? undefined : await findPackageCore(options.directory),
    env: options.env,
  });
  if (!load.ok) {
    const fix = channel ? 'export default defineChannel({ ... })' : "export { plugin as default } from './plugin.js'";
    return [lintError(LintCodes.ENTRY_INVALID, `${entry} does not load as a Downcity ${channel ? 'channel' : options.kind}: ${load.problems.join('; ')}. Fix it (${fix}) and build again.`, 'exports')];
  }
  if (channel) return [];
  if (load.configSchemaError !== undefined) {
    return [lintError(LintCodes.CONFIG_SCHEMA_MISMATCH, `The config JSON Schema could not be generated from the definition's config: ${load.configSchemaError}.`, 'downcity.config')];
  }
  if (load.configSchema === undefined) return [];
  return compareConfigSchema((options.packageJson.downcity as { config?: unknown }).config, load.configSchema);
}
