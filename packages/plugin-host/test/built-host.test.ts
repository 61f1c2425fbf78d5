import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgent } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { egressPackage, helloServer } from './egress-fixture.js';
import { probeService } from './probe-service.js';

// The published shape: dist/index.js forks dist/host-child.js (build the package first, as store-libsql's kill test does).
describe('the built package', () => {
  it('runs an isolated plugin from dist', async () => {
    const distEntry = new URL('../dist/index.js', import.meta.url).href;
    const { isolatedPlugin } = (await import(distEntry)) as typeof import('../src/index.js');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'plugin-host-dist-'));
    const probe = probeService();
    const plugin = await isolatedPlugin(fileURLToPath(new URL('./fixtures/well-behaved', import.meta.url)));
    const agent = createAgent({ logger: { level: 'silent' }, services: [probe.service], plugins: [plugin], config: { agent: { dataDir } } as never });
    await agent.start();
    try {
      expect(await probe.runner().guard('probe/check', { text: 'bad' })).toEqual({ allow: false, reason: '"bad" is not allowed', by: 'well-behaved' });
      expect(await probe.runner().guard('probe/check', { text: 'fine' })).toEqual({ allow: true });
    } finally {
      await agent.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('runs a plugin with a declared host from dist: the egress bridge is built next to the host', async () => {
    const distEntry = new URL('../dist/index.js', import.meta.url).href;
    const { isolatedPlugin } = (await import(distEntry)) as typeof import('../src/index.js');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'plugin-host-dist-'));
    const declared = await helloServer('declared');
    const undeclared = await helloServer('undeclared');
    const folder = await egressPackage(path.join(dataDir, 'egress-plugin'), [`127.0.0.1:${declared.port}`]);
    const probe = probeService();
    const plugin = await isolatedPlugin(folder, { networkIsolation: 'require' });
    const agent = createAgent({
      logger: { level: 'silent' },
      services: [probe.service],
      plugins: [plugin],
      config: { agent: { dataDir }, plugins: { egress: { declaredPort: declared.port, undeclaredPort: undeclared.port } } } as never,
    });
    await agent.start();
    try {
      const seen = await probe.runner().pipeline('probe/shape', {});
      expect(seen.fetchDeclared).toEqual({ ok: true, value: '200 declared says hello' });
      expect(seen.httpUndeclared).toMatchObject({ ok: true, value: expect.stringMatching(/^403 .*is not declared/) });
    } finally {
      await agent.stop();
      for (const { server } of [declared, undeclared]) await new Promise((resolve) => server.close(resolve));
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
