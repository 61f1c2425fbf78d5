import type { Permissions } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { permissionLines } from './permission-lines.js';
import { samePermissions, summarizePermissions } from './summarize-permissions.js';

const none: Permissions = { network: false, exec: false, filesystem: 'none', secrets: [], uses: [] };

describe('samePermissions: what a person accepted against what a package asks for', () => {
  it('is true for the same permissions, whatever the order of hosts and secrets', () => {
    expect(samePermissions({ ...none, network: ['a.example', 'b.example'], secrets: ['X', 'Y'] }, { ...none, network: ['b.example', 'a.example'], secrets: ['Y', 'X'] })).toBe(true);
    expect(samePermissions({ ...none, network: false }, { ...none, network: [] })).toBe(true);
    expect(samePermissions({ ...none, network: true, exec: true, filesystem: 'full' }, { ...none, network: true, exec: true, filesystem: 'full' })).toBe(true);
  });

  it('is false when either side asks for more or less', () => {
    expect(samePermissions(none, { ...none, network: ['a.example'] })).toBe(false);
    expect(samePermissions({ ...none, network: ['a.example'] }, { ...none, network: true })).toBe(false);
    expect(samePermissions({ ...none, network: true }, { ...none, network: ['a.example'] })).toBe(false);
    expect(samePermissions({ ...none, exec: true }, none)).toBe(false);
    expect(samePermissions({ ...none, filesystem: 'read' }, { ...none, filesystem: 'workspace' })).toBe(false);
    expect(samePermissions({ ...none, secrets: ['X'] }, { ...none, secrets: ['X', 'Y'] })).toBe(false);
    expect(samePermissions({ ...none, uses: ['memory/search'] }, { ...none, uses: ['memory/search', 'auth/approve'] })).toBe(false);
    expect(samePermissions({ ...none, uses: ['a/x', 'b/y'] }, { ...none, uses: ['b/y', 'a/x'] })).toBe(true);
  });

  it('treats "none declared" (a chat channel) as equal only to itself', () => {
    expect(samePermissions(undefined, undefined)).toBe(true);
    expect(samePermissions(undefined, none)).toBe(false);
    expect(samePermissions(none, undefined)).toBe(false);
  });
});

describe('permissionLines', () => {
  it('shows the summary lines, none declared for a channel, unknown for an invalid manifest', () => {
    expect(permissionLines({ kind: 'plugin' }, summarizePermissions({ ...none, network: ['a.example'], secrets: ['TOKEN'] }))).toEqual([
      'network: a.example',
      'runs programs: no',
      'files: none',
      'secrets: TOKEN',
    ]);
    expect(permissionLines({ kind: 'plugin' }, summarizePermissions({ ...none, uses: ['memory/search', 'auth/approve'] }))).toContain('invokes actions: memory/search, auth/approve');
    expect(summarizePermissions({ ...none, uses: ['memory/search'] }).sensitive).toBe(true);
    expect(permissionLines({ kind: 'channel' }, undefined)[0]).toMatch(/^none declared/);
    expect(permissionLines({ kind: undefined }, undefined)).toEqual(['unknown (the manifest is invalid)']);
  });
});
