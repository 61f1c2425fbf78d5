import { describe, expect, it } from 'vitest';
import { packageManagerArgs } from './package-manager-args.js';

describe('package manager arguments', () => {
  it('pins exact versions, passes an explicit registry, and leaves it off pnpm remove (which has no such flag)', () => {
    const registry = 'http://127.0.0.1:4873/';
    expect(packageManagerArgs({ packageManager: 'pnpm', action: { kind: 'add', name: 'a', version: '1.0.0' }, registry })).toEqual(['add', 'a@1.0.0', '--save-exact', '--registry', registry]);
    expect(packageManagerArgs({ packageManager: 'npm', action: { kind: 'add', name: 'a', version: '1.0.0' } })).toEqual(['install', 'a@1.0.0', '--save-exact', '--no-audit', '--no-fund']);
    expect(packageManagerArgs({ packageManager: 'pnpm', action: { kind: 'remove', name: 'a' }, registry })).toEqual(['remove', 'a']);
    expect(packageManagerArgs({ packageManager: 'npm', action: { kind: 'remove', name: 'a' }, registry })).toEqual(['uninstall', 'a', '--no-audit', '--no-fund', '--registry', registry]);
    expect(packageManagerArgs({ packageManager: 'pnpm', action: { kind: 'add', name: 'a', version: '1.0.0' }, workspaceRoot: true })).toEqual(['add', 'a@1.0.0', '--save-exact', '--workspace-root']);
    // A package that does not declare it runs programs gets no install scripts: they would run with the user's rights.
    expect(packageManagerArgs({ packageManager: 'npm', action: { kind: 'add', name: 'a', version: '1.0.0', scripts: false } })).toEqual(['install', 'a@1.0.0', '--save-exact', '--ignore-scripts', '--no-audit', '--no-fund']);
    expect(packageManagerArgs({ packageManager: 'pnpm', action: { kind: 'add', name: 'a', version: '1.0.0', scripts: false } })).toEqual(['add', 'a@1.0.0', '--save-exact', '--ignore-scripts']);
  });
});
