import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAgent, createMemoryStore, type Agent } from '@downcity/core';
import { openResources, recordingLogger, resourcesLeftOpen, type RecordedLine } from '@downcity/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isolatedPlugin } from '../src/index.js';
import { egressPackage as writeEgressPackage, helloServer } from './egress-fixture.js';
import { probeService } from './probe-service.js';

let dataDir: string;
let packageDir: string;
let servers: http.Server[] = [];
let agents: Agent[] = [];
let baseline: Record<string, number>;

beforeEach(async () => {
  baseline = openResources();
  dataDir = await mkdtemp(path.join(tmpdir(), 'plugin-host-egress-'));
  packageDir = path.join(dataDir, 'egress-plugin');
});

afterEach(async () => {
  for (const agent of agents) await agent.stop();
  agents = [];
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  servers = [];
  await rm(dataDir, { recursive: true, force: true });
  expect(await resourcesLeftOpen(baseline)).toEqual({});
});

async function server(name: string): Promise<number> {
  const { server: created, port } = await helloServer(name);
  servers.push(created);
  return port;
}

const egressPackage = (network: boolean | string[]): Promise<string> => writeEgressPackage(packageDir, network);

async function start(folder: string, ports: { declaredPort: number; undeclaredPort: number }): Promise<{ shape: () => Promise<Record<string, unknown>>; lines: RecordedLine[]; agent: Agent }> {
  const probe = probeService();
  const lines: RecordedLine[] = [];
  const agent = createAgent({
    logger: recordingLogger(lines),
    services: [probe.service],
    plugins: [await isolatedPlugin(folder, { networkIsolation: 'require' })],
    store: createMemoryStore(),
    env: {},
    config: { agent: { dataDir }, plugins: { egress: ports } } as never,
  });
  agents.push(agent);
  await agent.start();
  return { shape: () => probe.runner().pipeline('probe/shape', {}), lines, agent };
}

async function egressSockets(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('downcity-egress-'));
}

describe('an isolated plugin with a declared host list reaches those hosts and nothing else', () => {
  it('fetch and node:http reach the declared server through the egress proxy; the undeclared one gets the proxy\'s 403; raw sockets fail', async () => {
    const declaredPort = await server('declared');
    const undeclaredPort = await server('undeclared');
    const before = await egressSockets();
    const { shape, lines, agent } = await start(await egressPackage([`127.0.0.1:${declaredPort}`]), { declaredPort, undeclaredPort });
    const seen = await shape();

    expect(seen.fetchDeclared).toEqual({ ok: true, value: '200 declared says hello' });
    expect(seen.httpDeclared).toEqual({ ok: true, value: '200 declared says hello' });
    // node:http forwards plain http:// in absolute form, so the plugin reads the proxy's answer itself.
    expect(seen.httpUndeclared).toEqual({
      ok: true,
      value: `403 127.0.0.1:${undeclaredPort} is not declared in the package's permissions.network (declared: 127.0.0.1:${declaredPort}).`,
    });
    // fetch tunnels with CONNECT; undici reports a refused tunnel as a failed fetch.
    expect(seen.fetchUndeclared).toMatchObject({ ok: false, message: expect.stringContaining('fetch failed') });
    // Inside the namespace there is no route to any port of the machine, declared or not: only the proxy.
    expect(seen.rawUndeclared).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    expect(seen.rawDeclared).toMatchObject({ ok: false, code: 'ECONNREFUSED' });

    // Each refusal is logged in the agent with the host and port (no path or body).
    const denials = lines.filter((line) => line.level === 'warn' && String(line.message).includes('egress proxy refused'));
    expect(denials.length).toBeGreaterThanOrEqual(2);
    for (const denial of denials) {
      expect(denial.fields).toMatchObject({ plugin: 'egress', host: '127.0.0.1', port: undeclaredPort, reason: 'undeclared' });
      expect(JSON.stringify(denial)).not.toContain('/hello');
    }

    // The proxy is stopped with the agent: its socket folder is gone (afterEach asserts nothing is left open).
    expect((await egressSockets()).length).toBe(before.length + 1);
    await agent.stop();
    expect(await egressSockets()).toEqual(before);
  });

  it('network: true is open: the same plugin reaches the undeclared server directly', async () => {
    const declaredPort = await server('declared');
    const undeclaredPort = await server('undeclared');
    const { shape } = await start(await egressPackage(true), { declaredPort, undeclaredPort });
    const seen = await shape();
    expect(seen.fetchUndeclared).toEqual({ ok: true, value: '200 undeclared says hello' });
    expect(seen.httpUndeclared).toEqual({ ok: true, value: '200 undeclared says hello' });
    expect(seen.rawUndeclared).toEqual({ ok: true, value: 'connected' });
  });

  it('a host list entry that is not a host refuses to load the plugin, saying what to write', async () => {
    await expect(isolatedPlugin(await egressPackage(['https://api.example.com/v1']))).rejects.toThrow(
      /permissions\.network entry "https:\/\/api\.example\.com\/v1" is not a host.*"api\.example\.com:8443"/,
    );
  });
});
