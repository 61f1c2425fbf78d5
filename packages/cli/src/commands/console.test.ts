import path from 'node:path';
import { consoleService } from '@downcity/console';
import { createAgent } from '@downcity/core';
import { createHttpSurface } from '@downcity/http';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { fixtureProject } from '../../test/fixture-project.js';
import { runCli } from '../cli/run-cli.js';
import { startControlServer } from '../control/control-server.js';

describe('downcity console', () => {
  it('prints a one-time sign-in link from the running agent; the link signs in once', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': "export default { agent: { name: 'console-fixture' } };" });
    const agent = createAgent({ logger: { level: 'silent' }, services: [consoleService], http: createHttpSurface({ host: '127.0.0.1', port: 0 }), config: { agent: { dataDir: path.join(project.dir, '.downcity') } } });
    await agent.start();
    const control = await startControlServer({
      socketPath: path.join(project.dir, '.downcity', 'control.sock'),
      agent,
      status: () => Promise.reject(new Error('not used')),
      packages: async () => ({}),
      logger: agent.logger,
    });
    try {
      const io = captureIo({ cwd: project.dir });
      expect(await runCli(['console'], io)).toBe(0);
      const [intro, link, expiry] = io.out().split('\n');
      expect(intro).toBe('Open this link to sign in to the console (it works once):');
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console\/sign-in\?token=[A-Za-z0-9_-]{43}$/);
      expect(expiry).toMatch(/^It expires at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\. Anyone with the link can sign in until then: do not share it\.$/);
      expect((await fetch(link!, { redirect: 'manual' })).status).toBe(303);
      expect((await fetch(link!, { redirect: 'manual' })).status).toBe(401);

      const json = captureIo({ cwd: project.dir });
      expect(await runCli(['console', '--json'], json)).toBe(0);
      expect(JSON.parse(json.out())).toEqual({ url: expect.stringContaining('/console/sign-in?token='), expiresAt: expect.any(String) });
    } finally {
      await control.close();
      await agent.stop();
    }
  });

  it('says how to add the console when the running agent has none', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': "export default { agent: { name: 'no-console' } };" });
    const agent = createAgent({ logger: { level: 'silent' }, config: { agent: { dataDir: path.join(project.dir, '.downcity') } } });
    await agent.start();
    const control = await startControlServer({ socketPath: path.join(project.dir, '.downcity', 'control.sock'), agent, status: () => Promise.reject(new Error('not used')), packages: async () => ({}), logger: agent.logger });
    try {
      const io = captureIo({ cwd: project.dir });
      expect(await runCli(['console'], io)).toBe(1);
      expect(io.err()).toContain('The running agent has no console.');
      expect(io.err()).toContain("Add '@downcity/console' to `use`");
    } finally {
      await control.close();
      await agent.stop();
    }
  });
});
