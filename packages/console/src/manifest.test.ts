import { configJsonSchema, validatePackageManifest } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { ConsoleConfigSchema } from './index.js';

describe('package manifest', () => {
  it('is a valid service manifest with one operator action, not a model tool', () => {
    const { manifest } = validatePackageManifest(pkg);
    expect(manifest).toMatchObject({ id: 'console', kind: 'service' });
    if (manifest.kind !== 'service') throw new Error('expected a service');
    expect(Object.entries(manifest.actions).map(([name, action]) => [name, action.tool])).toEqual([['console/sign-in-link', false]]);
    // The web chat joins the chat service's channels when the chat service is installed.
    expect(manifest.attaches).toEqual({ 'chat/channels': { kind: 'pipeline', optional: true } });
  });

  it('declares the JSON Schema of the zod config, with loopback-only defaults', () => {
    expect(pkg.downcity.config).toEqual(configJsonSchema(ConsoleConfigSchema));
    expect(ConsoleConfigSchema.parse({})).toEqual({ path: '/console', allowRemote: false, linkTtlSeconds: 300, sessionTtlMinutes: 720, chat: true });
  });
});
