import { configJsonSchema, validatePackageManifest } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { startTaskAgent } from '../test/helpers.js';
import { ConfigSchema } from './config.js';

describe('package manifest', () => {
  it('declares the config JSON Schema generated from the zod config (run `pnpm manifest` after changing src/config.ts)', () => {
    expect(pkg.downcity.config).toEqual(configJsonSchema(ConfigSchema));
  });

  it('is a valid service manifest whose points and actions match what the service registers', async () => {
    const { manifest } = validatePackageManifest(pkg);
    expect(manifest).toMatchObject({ id: 'task', kind: 'service' });
    const { agent } = await startTaskAgent({});
    const summary = agent.packages().find((entry) => entry.id === 'task');
    expect(summary?.declares).toEqual([
      { name: 'task/before-run', kind: 'guard', description: expect.any(String) },
      { name: 'task/after-run', kind: 'effect', description: expect.any(String) },
    ]);
    expect(summary?.actions.map((action) => action.name).sort()).toEqual(Object.keys(pkg.downcity.actions).sort());
    await agent.stop();
  });
});
