import { configJsonSchema, validatePackageManifest } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { ChatConfigSchema } from './index.js';

describe('the package manifest', () => {
  it('carries the JSON Schema of the config schema (run scripts/write-manifest-config.mjs after changing it)', () => {
    expect(pkg.downcity.config).toEqual(configJsonSchema(ChatConfigSchema));
  });

  it('is a valid service manifest declaring the chat points and actions, none of them model tools', () => {
    const { manifest } = validatePackageManifest(pkg);
    expect(manifest.kind).toBe('service');
    if (manifest.kind !== 'service') return;
    expect(Object.fromEntries(Object.entries(manifest.extensionPoints).map(([name, point]) => [name, point.kind]))).toEqual({
      'chat/authorize': 'guard',
      'chat/inbound': 'pipeline',
      'chat/before-reply': 'pipeline',
      'chat/after-reply': 'effect',
      'chat/session': 'resolve',
      'chat/channels': 'pipeline',
    });
    expect(Object.keys(manifest.actions).sort()).toEqual([
      'chat/channels',
      'chat/history',
      'chat/http-token-create',
      'chat/http-token-list',
      'chat/http-token-revoke',
      'chat/http-token-verify',
      'chat/register-command',
      'chat/send',
      'chat/sessions',
      'chat/stop',
    ]);
    expect(Object.values(manifest.actions).every((action) => action.tool === false)).toBe(true);
  });
});
