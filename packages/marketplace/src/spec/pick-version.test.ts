import { describe, expect, it } from 'vitest';
import type { Packument, PackumentVersion } from '../registry/packument.js';
import { parsePackageSpec } from './parse-package-spec.js';
import { pickVersion } from './pick-version.js';

function packument(versions: Record<string, string>, tags: Record<string, string>): Packument {
  const entries = Object.entries(versions).map(([version, coreRange]): [string, PackumentVersion] => [
    version,
    { name: 'p', version, peerDependencies: { '@downcity/core': coreRange }, dist: { tarball: `https://r.example/p-${version}.tgz` } },
  ]);
  return { name: 'p', 'dist-tags': tags, versions: Object.fromEntries(entries) };
}

const doc = packument({ '1.0.0': '^0.1.0', '1.1.0': '^0.1.0', '2.0.0': '^0.2.0', '2.1.0-beta.1': '^0.2.0' }, { latest: '2.0.0', next: '2.1.0-beta.1' });

describe('picking the version to install', () => {
  it('prefers the newest stable version compatible with the core', () => {
    expect(pickVersion({ packument: doc, coreVersion: '0.1.5' }).version).toBe('1.1.0');
    expect(pickVersion({ packument: doc, coreVersion: '0.2.0' }).version).toBe('2.0.0');
  });

  it('honours ranges and tags, and falls back to the newest so the check can say why', () => {
    expect(pickVersion({ packument: doc, range: '~1.0.0', coreVersion: '0.1.0' }).version).toBe('1.0.0');
    expect(pickVersion({ packument: doc, range: 'next', coreVersion: '0.1.0' }).version).toBe('2.1.0-beta.1');
    expect(pickVersion({ packument: doc, range: '^2', coreVersion: '0.1.0' }).version).toBe('2.0.0');
    expect(() => pickVersion({ packument: doc, range: '^3', coreVersion: '0.1.0' })).toThrow(/No version of p matches "\^3". Published: 2\.1\.0-beta\.1, 2\.0\.0/);
  });

  it('parses specs and refuses what is not a registry package', () => {
    expect(parsePackageSpec('@acme/weather@^1.2.0')).toEqual({ name: '@acme/weather', range: '^1.2.0' });
    expect(parsePackageSpec('weather')).toEqual({ name: 'weather' });
    expect(() => parsePackageSpec('./src/plugins/x.ts')).toThrow(/is not a registry package/);
    expect(() => parsePackageSpec('git+https://github.com/a/b')).toThrow(/is not a registry package/);
  });
});
