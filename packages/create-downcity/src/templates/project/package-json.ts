import type { ProjectShape } from '../../project/project-shape.js';
import { toolVersions } from '../../versions.js';
import { json, pnpmSettings } from '../render.js';

/** The provider package of the chosen model (they are optional peers of @downcity/core). */
const PROVIDER_PACKAGES = {
  openai: '@ai-sdk/openai',
  anthropic: '@ai-sdk/anthropic',
  ollama: 'ollama-ai-provider-v2',
  'openai-compatible': '@ai-sdk/openai-compatible',
} as const;

function providerDependency(shape: ProjectShape): Record<string, string> {
  if (shape.options.model === 'none') return {};
  const name = PROVIDER_PACKAGES[shape.options.model];
  return { [name]: toolVersions[name] };
}

/**
 * The project's package.json: `downcity` scripts, and every `@downcity/*` dependency pinned to the exact
 * version released with this create-downcity (or linked to a local workspace).
 *
 * @param shape - the project shape
 */
export function projectPackageJson(shape: ProjectShape): string {
  const { source } = shape;
  const dependencies = Object.fromEntries(
    [...new Set(['@downcity/cli', '@downcity/core', ...shape.packages] as const)].sort().map((name) => [name, source.spec(name)]),
  );
  return json({
    name: shape.options.name,
    version: '0.1.0',
    private: true,
    description: `${shape.options.name}: a Downcity agent.`,
    type: 'module',
    engines: { node: '>=22' },
    scripts: {
      start: 'downcity start',
      chat: 'downcity chat',
      test: 'vitest run',
      typecheck: 'tsc --noEmit',
    },
    dependencies: Object.fromEntries(Object.entries({ ...dependencies, ...providerDependency(shape), zod: toolVersions.zod }).sort(([left], [right]) => left.localeCompare(right))),
    devDependencies: {
      '@downcity/testing': source.spec('@downcity/testing'),
      '@types/node': toolVersions['@types/node'],
      typescript: toolVersions.typescript,
      vitest: toolVersions.vitest,
    },
    ...pnpmSettings(shape.options.packageManager),
  });
}
