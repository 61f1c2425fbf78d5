import { PermissionsSchema } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { hostEnv, permissionFlags } from '../src/index.js';

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
});
