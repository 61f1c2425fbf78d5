import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgent } from '@downcity/core';
import { openResources, resourcesLeftOpen } from '@downcity/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isolatedPlugin } from '../src/index.js';
import { probeService } from './probe-service.js';

const execWriter = fileURLToPath(new URL('./fixtures/exec-writer/', import.meta.url));

let dataDir: string;
let baseline: Record<string, number>;

beforeEach(async () => {
  baseline = openResources();
  dataDir = await mkdtemp(path.join(tmpdir(), 'plugin-host-binds-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
  expect(await resourcesLeftOpen(baseline)).toEqual({});
});

describe('bubblewrap shows the host the file system read-only, but for its data folder, and only its own processes', () => {
  it('a program the plugin runs (outside the permission model) writes its data folder and nothing else', async () => {
    const probe = probeService();
    const agent = createAgent({
      logger: { level: 'silent' },
      services: [probe.service],
      plugins: [await isolatedPlugin(execWriter, { networkIsolation: 'require' })],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      config: { agent: { dataDir } } as never,
    });
    await agent.start();
    const inData = path.join(dataDir, 'plugins', 'exec-writer', 'mine.txt');
    const outside = path.join(dataDir, 'agent-file.txt');
    try {
      const seen = await probe.runner().pipeline('probe/shape', { inData, outside, agentPid: process.pid });
      expect(seen.inData).toEqual({ ok: true });
      expect(await readFile(inData, 'utf8')).toBe('owned\n');
      expect(seen.outside).toMatchObject({ ok: false, stderr: expect.stringContaining('Read-only file system') });
      expect(existsSync(outside)).toBe(false);
      // Its own PID namespace: the agent's process (and its environment, with its API keys) is not in its /proc.
      expect(seen.agentEnviron).toMatchObject({ ok: false, stderr: expect.stringContaining('No such file or directory') });
    } finally {
      await agent.stop();
    }
  });
});
