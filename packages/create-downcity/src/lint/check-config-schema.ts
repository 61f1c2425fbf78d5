import { configJsonSchema } from '@downcity/core';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { jsonEqual } from './deep-equal.js';
import { findPackageCore } from './find-package-core.js';
import { ManifestLintCodes, type ManifestLintProblem } from './lint-codes.js';
import { entryPathOf, type LintedPackageJson } from './package-json.js';

interface Definition {
  kind: 'plugin' | 'service';
  config?: unknown;
}

const isDefinition = (value: unknown): value is Definition =>
  typeof value === 'object' && value !== null && ((value as Definition).kind === 'plugin' || (value as Definition).kind === 'service') && typeof (value as { setup?: unknown }).setup === 'function';

/**
 * Imports the package's built entry and checks that the manifest's `config` JSON Schema equals the one
 * generated from the definition's zod schema (with the `@downcity/core` the package resolves).
 *
 * @param directory - the package folder
 * @param pkg - its package.json
 */
export async function checkConfigSchema(directory: string, pkg: LintedPackageJson): Promise<ManifestLintProblem[]> {
  const entry = entryPathOf(pkg);
  if (entry === undefined) return [];
  const file = path.join(directory, entry);
  if (!(await access(file).then(() => true, () => false))) {
    return [{ code: ManifestLintCodes.ENTRY_MISSING, field: 'exports', message: `The entry ${entry} does not exist, so the config schema cannot be checked. Build the package first (npm run build).` }];
  }
  let definition: unknown;
  try {
    definition = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (error) {
    return [{ code: ManifestLintCodes.ENTRY_INVALID, field: 'exports', message: `Importing ${entry} failed: ${(error as Error).message}. Fix the error and build again.` }];
  }
  if (!isDefinition(definition)) {
    return [
      {
        code: ManifestLintCodes.ENTRY_INVALID,
        field: 'exports',
        message: `${entry} has no default export made with definePlugin or defineService; downcity loads the default export. Add: export { plugin as default } from './plugin.js'.`,
      },
    ];
  }
  const declared = (pkg.downcity as { config?: unknown }).config;
  if (definition.config === undefined) {
    return declared === undefined
      ? []
      : [{ code: ManifestLintCodes.CONFIG_SCHEMA_MISMATCH, field: 'downcity.config', message: 'The manifest declares a config JSON Schema, but the definition has no config schema. Remove downcity.config or add config to the definition.' }];
  }
  const core = await findPackageCore(directory);
  const generated = core ? core.configJsonSchema(definition.config) : configJsonSchema(definition.config as z.ZodType);
  if (declared === undefined) {
    return [
      {
        code: ManifestLintCodes.CONFIG_SCHEMA_MISSING,
        field: 'downcity.config',
        message: 'The definition has a config schema, but the manifest has no "config" JSON Schema for editors and `plugins add`. Write it with configJsonSchema(ConfigSchema) from @downcity/core (the scaffold\'s build does).',
      },
    ];
  }
  if (!jsonEqual(declared, generated)) {
    return [
      {
        code: ManifestLintCodes.CONFIG_SCHEMA_MISMATCH,
        field: 'downcity.config',
        message: 'The manifest\'s "config" JSON Schema does not match the zod config schema the package exports. Regenerate it after changing the schema: build again (the scaffold\'s scripts/write-config-schema.mjs writes it).',
      },
    ];
  }
  return [];
}
