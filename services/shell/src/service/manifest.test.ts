import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configJsonSchema, validatePackageManifest } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { startShellAgent } from '../testing/shell-test-agent.js';
import { ConfigSchema, effectivePolicy } from './config.js';

describe('the shell service package', () => {
  it('has a valid manifest whose config is the JSON Schema of ConfigSchema (run `pnpm manifest` after changing the config)', () => {
    expect(pkg.downcity.config).toEqual(configJsonSchema(ConfigSchema));
    const { manifest } = validatePackageManifest(pkg);
    expect(manifest).toMatchObject({
      id: 'shell',
      kind: 'service',
      permissions: { exec: true, filesystem: 'workspace', network: false },
      extensionPoints: { 'shell/before-exec': { kind: 'guard' }, 'shell/after-exec': { kind: 'effect' } },
    });
    if (manifest.kind !== 'service') throw new Error('not a service');
    expect(Object.entries(manifest.actions).map(([name, action]) => [name, action.tool])).toEqual([
      ['shell/exec', true],
      ['shell/session-run', true],
      ['shell/approve', false],
      ['shell/deny', false],
      ['shell/pending', false],
      ['shell/cancel-pending', false],
      ['shell/audit', false],
    ]);
  });

  it('asks for unlisted programs in approval mode ask and denies them otherwise, unless the policy says', () => {
    expect(effectivePolicy(ConfigSchema.parse({})).default).toBe('ask');
    expect(effectivePolicy(ConfigSchema.parse({ approval: { mode: 'allowlist' } })).default).toBe('deny');
    expect(effectivePolicy(ConfigSchema.parse({ policy: { default: 'deny' } })).default).toBe('deny');
  });

  it('rejects unknown config keys with the path', () => {
    expect(() => ConfigSchema.parse({ aproval: {} })).toThrow(/aproval/);
  });

  it('creates the workspace at start, inside the data folder by default or where configured', async () => {
    {
      await using harness = await startShellAgent({});
      expect(harness.workspace).toBe(join(harness.dataDir, 'workspace'));
      expect(statSync(harness.workspace).isDirectory()).toBe(true);
    }
    const elsewhere = mkdtempSync(join(tmpdir(), 'downcity-shell-ws-'));
    try {
      const workspace = join(elsewhere, 'nested', 'ws');
      await using harness = await startShellAgent({ shell: { workspace } });
      expect(existsSync(workspace)).toBe(true);
      expect(harness.workspace).toBe(workspace);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses to start with an invalid config, naming the field', async () => {
    await expect(startShellAgent({ shell: { approval: { mode: 'maybe' as 'ask' } } })).rejects.toThrow(/services\.shell\.approval\.mode/);
  });
});
