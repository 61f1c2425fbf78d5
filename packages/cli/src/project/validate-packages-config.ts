import type { AgentConfig, FieldProblem } from '@downcity/core';
import { fieldProblemsOf } from './field-problems.js';
import type { LoadedPackage } from './loaded-package.js';

/**
 * Checks each service's and plugin's config slice against its own schema, and that every
 * `services.<id>` / `plugins.<id>` entry belongs to a package in `use` (a typo would otherwise be
 * ignored silently). Returns every problem with its field path; empty when all is well.
 */
export function validatePackagesConfig(config: AgentConfig, packages: readonly LoadedPackage[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const ids = { services: new Set<string>(), plugins: new Set<string>() };
  for (const entry of packages) {
    if (entry.kind === 'channel') continue;
    const section = entry.kind === 'service' ? 'services' : 'plugins';
    ids[section].add(entry.id);
    const schema = entry.definition.config;
    if (!schema) continue;
    const result = schema.safeParse(config[section][entry.id] ?? {});
    if (!result.success) problems.push(...fieldProblemsOf(result.error, `${section}.${entry.id}`));
  }
  for (const section of ['services', 'plugins'] as const) {
    for (const id of Object.keys(config[section])) {
      if (ids[section].has(id)) continue;
      const known = [...ids[section]].join(', ') || 'none';
      problems.push({ path: `${section}.${id}`, message: `no ${section === 'services' ? 'service' : 'plugin'} with id "${id}" is in use (loaded: ${known}); add its package to use, or remove this entry` });
    }
  }
  return problems;
}
