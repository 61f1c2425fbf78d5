import { access } from 'node:fs/promises';
import path from 'node:path';
import { DowncityError } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { fixtureProject } from '../../test/fixture-project.js';
import { Output } from '../cli/output.js';
import { createControlClient } from '../control/control-client.js';
import { runAgent } from './run-agent.js';

const CONFIG = `export default { agent: { name: 'control-fixture', logLevel: 'silent' }, use: ['@downcity/chat', '@downcity/memory'] };`;

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

describe('runAgent (start) and the control socket', () => {
  it('serves status, packages and invoke on <dataDir>/control.sock, refuses a second agent, and removes the socket on stop', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG });
    const io = captureIo({ cwd: project.dir });
    let stop: (reason: string) => void = () => {};
    const stopSignal = new Promise<string>((resolve) => (stop = resolve));
    const running = runAgent({ dir: project.dir, io, output: new Output(io, { json: false }), mode: 'start', stopSignal });
    const socket = path.join(project.dir, '.downcity', 'control.sock');
    try {
      await expect.poll(() => exists(socket), { timeout: 10_000 }).toBe(true);
      expect(io.err()).toContain('No model configured');
      const client = createControlClient(socket, project.dir);
      const status = await client.status();
      expect(status).toMatchObject({ name: 'control-fixture', state: 'running', pid: process.pid, model: { source: 'none', available: false } });
      expect(status.packages.map((entry) => entry.id)).toEqual(['agent', 'chat', 'memory']);
      const { packages } = (await client.packages()) as { packages: { id: string; permissions: unknown }[] };
      expect(packages.find((entry) => entry.id === 'memory')?.permissions).toBeDefined();

      const alice = { id: 'http:alice' };
      await client.invoke('memory/remember', { text: 'Alice takes her coffee black' }, { principal: alice });
      expect((await client.invoke('memory/recall', { query: 'coffee' }, { principal: alice })).memories.map((memory) => memory.text)).toEqual(['Alice takes her coffee black']);
      expect((await client.invoke('memory/recall', { query: 'coffee' }, { principal: { id: 'http:bob' } })).memories).toEqual([]);

      const unknown = await client.invoke('memory/unknown' as 'memory/list', {}).catch((error: unknown) => error);
      expect(DowncityError.is(unknown, 'ACTION_UNKNOWN')).toBe(true);
      const invalid = await client.invoke('memory/recall', { query: '' }).catch((error: unknown) => error);
      expect(DowncityError.is(invalid, 'ACTION_INVALID')).toBe(true);

      const second = captureIo({ cwd: project.dir });
      await expect(runAgent({ dir: project.dir, io: second, output: new Output(second, { json: false }), mode: 'start', stopSignal: new Promise(() => {}) })).rejects.toThrow(
        'Another agent is already running for this project',
      );
    } finally {
      stop('test over');
      expect(await running).toBe(0);
    }
    expect(await exists(socket)).toBe(false);
    expect(io.err()).toContain('Stopping (test over)');
  });
});
