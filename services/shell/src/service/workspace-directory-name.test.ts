import { describe, expect, it } from 'vitest';
import { workspaceDirectoryName } from './workspace-directory-name.js';

describe('workspaceDirectoryName', () => {
  it('is a readable slug and a hash, the same every time', () => {
    expect(workspaceDirectoryName('principal:telegram:123456')).toMatch(/^principal_telegram_123456-[0-9a-f]{16}$/);
    expect(workspaceDirectoryName('principal:http:alice')).toBe(workspaceDirectoryName('principal:http:alice'));
  });

  it('gives keys that share a slug different directories', () => {
    const names = ['http:a/b', 'http:a_b', 'http:a b', 'HTTP:A_B', 'http:a..b'].map(workspaceDirectoryName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('never yields a path separator, a dot, "..", or an empty or overlong name', () => {
    for (const key of ['..', '../../etc', '/', '', '.hidden', 'a/../../b', '\u0000', 'x'.repeat(10_000), 'ünï/cödé']) {
      const name = workspaceDirectoryName(key);
      expect(name).toMatch(/^[a-z0-9_]{1,40}-[0-9a-f]{16}$/);
    }
  });
});
