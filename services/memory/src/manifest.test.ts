import { configJsonSchema, validatePackageManifest } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { MemoryConfigSchema } from './index.js';

describe('package manifest', () => {
  it('is a valid service manifest', () => {
    const { manifest } = validatePackageManifest(pkg);
    expect(manifest).toMatchObject({ id: 'memory', kind: 'service' });
    if (manifest.kind !== 'service') throw new Error('expected a service');
    expect(Object.entries(manifest.actions).map(([name, action]) => [name, action.tool])).toEqual([
      ['memory/remember', true],
      ['memory/recall', true],
      ['memory/forget', true],
      ['memory/list', false],
      ['memory/export', false],
      ['memory/operator-search', false],
      ['memory/operator-forget', false],
    ]);
    expect(Object.keys(manifest.extensionPoints)).toEqual(['memory/before-remember', 'memory/recalled']);
  });

  it('declares the JSON Schema of the zod config', () => {
    expect(pkg.downcity.config).toEqual(configJsonSchema(MemoryConfigSchema));
  });
});
