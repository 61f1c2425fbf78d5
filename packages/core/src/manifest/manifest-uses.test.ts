import { describe, expect, it } from 'vitest';
import { ManifestSchema } from './manifest-schema.js';

describe('permissions.uses: the actions of other packages a package invokes', () => {
  it('defaults to none, with or without permissions', () => {
    expect(ManifestSchema.parse({ id: 'a', kind: 'plugin' }).permissions.uses).toEqual([]);
    expect(ManifestSchema.parse({ id: 'a', kind: 'plugin', permissions: { exec: true } }).permissions.uses).toEqual([]);
  });

  it('accepts action names, runtime ones included', () => {
    const manifest = ManifestSchema.parse({ id: 'a', kind: 'plugin', permissions: { uses: ['memory/search', 'mcp/github/create_issue'] } });
    expect(manifest.permissions.uses).toEqual(['memory/search', 'mcp/github/create_issue']);
  });

  it('refuses a name that is not "<package id>/<action>" and says what one looks like', () => {
    const parsed = ManifestSchema.safeParse({ id: 'a', kind: 'plugin', permissions: { uses: ['search'] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['permissions', 'uses', 0], message: expect.stringContaining('e.g. "memory/search"') });
  });
});
