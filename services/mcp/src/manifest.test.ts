import { configJsonSchema, validatePackageManifest } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { McpConfigSchema } from './index.js';

describe('package manifest', () => {
  it('is a valid service manifest with runtime tool actions and the mcp/before-call guard', () => {
    const { manifest } = validatePackageManifest(pkg);
    expect(manifest).toMatchObject({ id: 'mcp', kind: 'service', runtimeActions: { tool: true } });
    if (manifest.kind !== 'service') throw new Error('expected a service');
    expect(manifest.extensionPoints['mcp/before-call']).toMatchObject({ kind: 'guard' });
  });

  it('declares the JSON Schema of the zod config', () => {
    expect(pkg.downcity.config).toEqual(configJsonSchema(McpConfigSchema));
  });
});
