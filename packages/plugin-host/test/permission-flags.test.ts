import { PermissionsSchema } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hostEnv, permissionFlags, prefixSafeFolders } from '../src/index.js';

const base = { codeFolders: ['/host', '/pkg', '/pkg'], dataDir: '/data/plugins/x', maxHeapMb: 64 };
const permissions = (input: Record<string, unknown>) => PermissionsSchema.parse(input);

describe('permissionFlags', () => {
  it('gives a plugin that asks for nothing its code folders to read and nothing else', () => {
    expect(permissionFlags({ ...base, permissions: permissions({}) })).toEqual(['--permission', '--max-old-space-size=64', '--allow-fs-read=/host', '--allow-fs-read=/pkg']);
  });

  it('adds the data folder to read for "read", to read and write for "workspace", everything for "full"', () => {
    expect(permissionFlags({ ...base, permissions: permissions({ filesystem: 'read' }) })).toContain('--allow-fs-read=/data/plugins/x');
    expect(permissionFlags({ ...base, permissions: permissions({ filesystem: 'read' }) }).some((flag) => flag.startsWith('--allow-fs-write'))).toBe(false);
    expect(permissionFlags({ ...base, permissions: permissions({ filesystem: 'workspace' }) })).toContain('--allow-fs-write=/data/plugins/x');
    expect(permissionFlags({ ...base, permissions: permissions({ filesystem: 'full' }) })).toEqual(['--permission', '--max-old-space-size=64', '--allow-fs-read=*', '--allow-fs-write=*']);
  });

  it('allows programs, workers, addons and WASI only with exec', () => {
    const without = permissionFlags({ ...base, permissions: permissions({}) });
    for (const flag of ['--allow-child-process', '--allow-worker', '--allow-addons', '--allow-wasi']) expect(without).not.toContain(flag);
    expect(permissionFlags({ ...base, permissions: permissions({ exec: true }) })).toEqual(expect.arrayContaining(['--allow-child-process', '--allow-worker', '--allow-addons', '--allow-wasi']));
  });
});

describe('hostEnv', () => {
  const env = { OPENAI_API_KEY: 'sk-1', ACME_TOKEN: 't', PATH: '/usr/bin', NODE_OPTIONS: '--allow-fs-read=*', HOME: '/root' };

  it('keeps only the declared secrets that are environment variables', () => {
    expect(hostEnv(permissions({ secrets: ['ACME_TOKEN', 'acme.apiKey', 'MISSING'] }), env)).toEqual({ ACME_TOKEN: 't' });
  });

  it('never passes NODE_OPTIONS, even when declared, and PATH only with exec', () => {
    expect(hostEnv(permissions({ secrets: ['NODE_OPTIONS'] }), env)).toEqual({});
    expect(hostEnv(permissions({ exec: true }), env)).toEqual({ PATH: '/usr/bin' });
  });
});

describe('enforcementLines', () => {
  it('says nothing is enforced in process, and names each mechanism isolated', async () => {
    const { enforcementLines, networkEnforcement } = await import('../src/index.js');
    const declared = permissions({ filesystem: 'workspace', secrets: ['ACME_TOKEN', 'acme.apiKey'] });
    expect(enforcementLines(declared, { isolated: false })).toEqual([expect.stringContaining("nothing: runs in the agent's process")]);
    const lines = enforcementLines(declared, { isolated: true, network: networkEnforcement(declared, { searchPath: '/nonexistent' }), maxHeapMb: 64 });
    expect(lines).toEqual([
      'own process (isolated plugin host)',
      'files: its code, and its data folder read-write (Node permission model)',
      'programs: none (no child processes, workers or addons)',
      'network: not cut off: bubblewrap (bwrap) is not installed',
      'environment: only ACME_TOKEN',
      'actions: invokes only its own (uses)',
      "memory: heap limit 64 MiB; every call has the point's timeout",
    ]);
  });

  it('names the hosts a host list is limited to, and says plainly that network: true is open', async () => {
    const { enforcementLines, networkEnforcement } = await import('../src/index.js');
    const hosts = permissions({ network: ['api.example.com', '127.0.0.1:4001'] });
    expect(enforcementLines(hosts, { isolated: true, network: networkEnforcement(hosts) })[3]).toBe(
      'network: only to api.example.com, 127.0.0.1:4001 (egress proxy; bubblewrap --unshare-net)',
    );
    expect(enforcementLines(hosts, { isolated: true, network: networkEnforcement(hosts, { searchPath: '/nonexistent' }) })[3]).toBe(
      'network: not limited to api.example.com, 127.0.0.1:4001: bubblewrap (bwrap) is not installed',
    );
    const open = permissions({ network: true });
    expect(enforcementLines(open, { isolated: true, network: networkEnforcement(open) })[3]).toBe('network: open: it declares `network: true`, so any host is reachable');
  });
});

describe('prefixSafeFolders (a Node permission-model bug with sibling names that share a prefix)', () => {
  it('grants a folder whose name prefixes a sibling through their parent, and leaves the others alone', () => {
    const store = '/p/node_modules/.pnpm/x/node_modules';
    expect(prefixSafeFolders([`${store}/@ai-sdk/provider`, `${store}/@ai-sdk/provider-utils`, '/p/code/zod'])).toEqual([`${store}/@ai-sdk`, '/p/code/zod']);
    expect(prefixSafeFolders([`${store}/zod`, `${store}/zod-to-json`])).toEqual([store]);
    // Outside node_modules nothing is widened; a folder under another is dropped.
    expect(prefixSafeFolders(['/a/b', '/a/bc/d', '/a/b/c'])).toEqual(['/a/b', '/a/bc/d']);
  });

  it('lets a module be resolved through a pnpm link whose sibling shares its prefix, on this Node', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'downcity-prefix-'));
    try {
      const scope = path.join(root, 'node_modules', '.pnpm', 'x', 'node_modules', '@acme');
      await mkdir(path.join(root, 'real', 'provider'), { recursive: true });
      await mkdir(path.join(scope, 'provider-utils'), { recursive: true });
      await writeFile(path.join(root, 'real', 'provider', 'index.js'), 'module.exports = 42;\n');
      await symlink(path.join(root, 'real', 'provider'), path.join(scope, 'provider'));
      const probe = `console.log(require(${JSON.stringify(path.join(scope, 'provider', 'index.js'))}))`;
      const run = (grants: string[]) =>
        spawnSync(process.execPath, ['--permission', ...grants.map((folder) => `--allow-fs-read=${folder}`), '-e', probe], { encoding: 'utf8' });
      const folders = [path.join(scope, 'provider'), path.join(scope, 'provider-utils'), path.join(root, 'real', 'provider')];
      expect(run(prefixSafeFolders(folders)).stdout.trim()).toBe('42');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
