import { describe, expect, it } from 'vitest';
import type { PackumentVersion } from '../registry/packument.js';
import { assertCandidate, checkCandidate } from './check-candidate.js';
import { widensPermissions } from './summarize-permissions.js';

function version(overrides: Partial<PackumentVersion>): PackumentVersion {
  return {
    name: '@acme/downcity-weather',
    version: '1.2.0',
    keywords: ['downcity-plugin'],
    peerDependencies: { '@downcity/core': '^0.1.0' },
    downcity: { id: 'weather', kind: 'plugin', requires: { chat: '^0.1.0' }, permissions: { network: true, exec: true } },
    dist: { tarball: 'https://registry.example/weather.tgz' },
    ...overrides,
  };
}

describe('checking a candidate before install', () => {
  it('accepts a compatible plugin and summarizes what it asks for, warning about a missing service', () => {
    const check = checkCandidate({ version: version({}), coreVersion: '0.1.3', installed: [] });
    expect(check.ok).toBe(true);
    expect(check.listing.permissions).toMatchObject({ sensitive: true, lines: ['network: any host', 'runs programs: yes', 'files: none', 'secrets: none'] });
    expect(check.warnings).toEqual([expect.stringContaining('requires the "chat" service (^0.1.0), which is not in the config\'s use')]);
  });

  it('warns when the installed service is outside the required range, and is quiet when it fits', () => {
    const old = checkCandidate({ version: version({}), coreVersion: '0.1.0', installed: [{ name: '@downcity/chat', version: '0.0.9', id: 'chat', kind: 'service' }] });
    expect(old.warnings).toEqual([expect.stringContaining('requires the "chat" service ^0.1.0, but @downcity/chat@0.0.9 is installed')]);
    const fits = checkCandidate({ version: version({}), coreVersion: '0.1.0', installed: [{ name: '@downcity/chat', version: '0.1.4', id: 'chat', kind: 'service' }] });
    expect(fits.warnings).toEqual([]);
  });

  it('refuses an incompatible core with both versions in the message', () => {
    const check = checkCandidate({ version: version({ peerDependencies: { '@downcity/core': '^2.0.0' } }), coreVersion: '0.1.0' });
    expect(() => assertCandidate(check)).toThrow('@acme/downcity-weather@1.2.0 needs @downcity/core ^2.0.0, but this project has @downcity/core 0.1.0');
  });

  it('lists every bad manifest field and every other problem in one error', () => {
    const check = checkCandidate({
      version: version({ keywords: [], peerDependencies: {}, downcity: { id: 'Weather!', kind: 'plugin', attaches: { nope: { kind: 'guard' } } } }),
      coreVersion: '0.1.0',
    });
    expect(check.problems.map((problem) => problem.reason)).toEqual(['keyword-missing', 'manifest-invalid', 'core-incompatible']);
    let message = '';
    try {
      assertCandidate(check);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Refusing @acme\/downcity-weather@1\.2\.0:/);
    expect(message).toMatch(/downcity\.id: must be lowercase/);
    expect(message).toMatch(/downcity\.attaches\.nope/);
    expect(message).toMatch(/declares no peer dependency on @downcity\/core/);
  });

  it('refuses a service that carries only the plugin keyword', () => {
    const check = checkCandidate({ version: version({ downcity: { id: 'weather', kind: 'service' } }), coreVersion: '0.1.0' });
    expect(check.problems[0]?.message).toMatch(/is a service by its manifest but lacks the "downcity-service" keyword/);
  });
});

describe('permission changes on update', () => {
  const none = { network: false as const, exec: false, filesystem: 'none' as const, secrets: [], uses: [] };
  it('counts new hosts, exec, wider file access, new secrets and reading logs as wider', () => {
    expect(widensPermissions(none, { ...none, network: ['a.example'] })).toBe(true);
    expect(widensPermissions({ ...none, network: ['a.example'] }, { ...none, network: ['a.example'] })).toBe(false);
    expect(widensPermissions({ ...none, network: ['a.example'] }, { ...none, network: true })).toBe(true);
    expect(widensPermissions(none, { ...none, exec: true })).toBe(true);
    expect(widensPermissions({ ...none, filesystem: 'workspace' }, { ...none, filesystem: 'read' })).toBe(false);
    expect(widensPermissions(none, { ...none, secrets: ['TOKEN'] })).toBe(true);
    expect(widensPermissions(none, { ...none, logs: true })).toBe(true);
    expect(widensPermissions({ ...none, logs: true }, { ...none, logs: true })).toBe(false);
    expect(widensPermissions(none, { ...none, uses: ['memory/search'] })).toBe(true);
    expect(widensPermissions({ ...none, uses: ['memory/search', 'auth/approve'] }, { ...none, uses: ['memory/search'] })).toBe(false);
  });
});
