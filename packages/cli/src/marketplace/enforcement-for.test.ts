import { IsolationSettingsSchema, PermissionsSchema } from '@downcity/core';
import type { PackageListing } from '@downcity/marketplace';
import { describe, expect, it } from 'vitest';
import { fixtureProject } from '../../test/fixture-project.js';
import { enforcementFor, projectIsolation } from './enforcement-for.js';

function listing(name: string, kind: 'plugin' | 'service', permissions: Record<string, unknown>): PackageListing {
  const parsed = PermissionsSchema.parse(permissions);
  return { name, kind, id: 'acme-filter', permissions: { permissions: parsed, lines: [], sensitive: true } } as unknown as PackageListing;
}

describe('what plugins info says is enforced', () => {
  it('nothing for a plugin the project runs in process; each mechanism for one it isolates', () => {
    const plugin = listing('acme-filter', 'plugin', { secrets: ['ACME_TOKEN'] });
    expect(enforcementFor(plugin, IsolationSettingsSchema.parse({ thirdParty: false }))).toEqual([expect.stringContaining("nothing: runs in the agent's process")]);
    // Third-party plugins run isolated by default.
    const lines = enforcementFor(plugin, IsolationSettingsSchema.parse({}));
    expect(lines[0]).toBe('own process (isolated plugin host)');
    expect(lines).toContain('environment: only ACME_TOKEN');
    expect(lines).toContain('programs: none (no child processes, workers or addons)');
  });

  it('first-party plugins stay in process under thirdParty; services say plainly that nothing is enforced', () => {
    expect(enforcementFor(listing('@downcity/auth', 'plugin', {}), IsolationSettingsSchema.parse({ thirdParty: true }))[0]).toContain('nothing');
    expect(enforcementFor(listing('acme-svc', 'service', {}), IsolationSettingsSchema.parse({ thirdParty: true }))).toEqual([
      expect.stringMatching(/^nothing: runs in the agent's process .*services and channels always do/),
    ]);
  });

  it("reads the project's isolation settings, and the defaults outside a project", async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': `export default { isolation: { thirdParty: true, maxHeapMb: 64 } };` });
    expect(await projectIsolation(project.dir, {})).toMatchObject({ thirdParty: true, maxHeapMb: 64 });
    expect(await projectIsolation('/nonexistent-project', {})).toEqual(IsolationSettingsSchema.parse({}));
  });
});
