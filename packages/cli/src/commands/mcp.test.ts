import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { fixtureProject } from '../../test/fixture-project.js';
import { Output } from '../cli/output.js';
import { runAgent } from '../runtime/run-agent.js';

// The built CLI, as users run it (`pnpm --filter @downcity/cli build` first).
const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

const KEY = 'sk-fixture-0123456789abcdefghij';

const CONFIG = `export default {
  agent: { name: 'mcp-fixture', logLevel: 'silent' },
  model: { provider: 'openai', model: 'gpt-4o-mini' },
  use: ['@downcity/chat', './probe.ts'],
};`;

// A local service with two model tools and one action that is not a tool; \`fail\` leaks the model's API key
// (from the agent's env, registered for redaction when the agent resolved its model) into its error.
const PROBE = `import { defineAction, defineService } from '@downcity/core';
import { z } from 'zod';
export default defineService({
  package: { name: 'fixture-probe', version: '1.0.0', downcity: { id: 'probe', kind: 'service', actions: {
    'probe/whoami': { description: 'Who calls', tool: true },
    'probe/fail': { description: 'Fails', tool: true },
    'probe/hang': { description: 'Hangs', tool: true },
    'probe/internal': { description: 'Not a tool', tool: false },
  } } },
  setup: (context) => {
    return { actions: {
      whoami: defineAction({ description: 'Tell who calls.', input: z.strictObject({ note: z.string().max(5) }), output: z.object({ caller: z.string(), principal: z.string().nullable(), note: z.string() }), tool: true,
        run: (input, call) => ({ caller: call.caller, principal: call.principal?.id ?? null, note: input.note }) }),
      fail: defineAction({ description: 'Fail.', input: z.strictObject({}), output: z.object({}), tool: true, run: () => { throw new Error('upstream refused ' + context.env.OPENAI_API_KEY); } }),
      hang: defineAction({ description: 'Wait until cancelled.', input: z.strictObject({}), output: z.object({}), tool: true,
        run: (_input, call) => new Promise((resolve) => { globalThis.probeHanging = true; call.signal.addEventListener('abort', () => { globalThis.probeCancelled = true; resolve({}); }, { once: true }); }) }),
      internal: defineAction({ description: 'Not a tool.', input: z.strictObject({}), output: z.object({}), run: () => ({}) }),
    } };
  },
});`;

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

/** `downcity mcp` in `dir` as a real child process, with an SDK client on its stdin/stdout. */
function mcpClient(dir: string): { client: Client; transport: StdioClientTransport; stderr: () => string } {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--cwd', dir], cwd: dir, stderr: 'pipe', env: { PATH: process.env.PATH ?? '' } });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return { client: new Client({ name: 'test-client', version: '1.0.0' }), transport, stderr: () => stderr };
}

const textOf = (result: unknown): string => ((result as CallToolResult).content[0] as { text: string }).text;

describe('downcity mcp (stdio, the built bin, against a running agent)', () => {
  it('lists and calls the running agent\'s tools as the operator; failures are redacted isError results', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG, 'probe.ts': PROBE });
    const agentIo = captureIo({ cwd: project.dir, env: { OPENAI_API_KEY: KEY } });
    let stop: (reason: string) => void = () => {};
    const stopSignal = new Promise<string>((resolve) => (stop = resolve));
    const running = runAgent({ dir: project.dir, io: agentIo, output: new Output(agentIo, { json: false }), mode: 'start', stopSignal });
    const { client, transport, stderr } = mcpClient(project.dir);
    const protocolErrors: Error[] = [];
    client.onerror = (error) => protocolErrors.push(error);
    try {
      await expect.poll(() => exists(path.join(project.dir, '.downcity', 'control.sock')), { timeout: 20_000 }).toBe(true);
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => [tool.name, tool.description])).toEqual([
        ['probe_fail', 'Fail.'],
        ['probe_hang', 'Wait until cancelled.'],
        ['probe_whoami', 'Tell who calls.'],
      ]);
      expect(tools[2]?.inputSchema).toMatchObject({ type: 'object', properties: { note: { type: 'string', maxLength: 5 } }, required: ['note'] });

      const result = await client.callTool({ name: 'probe_whoami', arguments: { note: 'hi' } });
      expect(result.structuredContent).toEqual({ caller: 'agent', principal: null, note: 'hi' });

      const invalid = await client.callTool({ name: 'probe_whoami', arguments: { note: 'too long' } });
      expect(invalid.isError).toBe(true);
      expect(textOf(invalid)).toContain('input for action "probe/whoami"');

      const failed = await client.callTool({ name: 'probe_fail', arguments: {} });
      expect(failed).toMatchObject({ isError: true });
      expect(textOf(failed)).toBe('upstream refused [redacted]');
      expect(JSON.stringify(failed)).not.toContain(KEY);

      await expect(client.callTool({ name: 'probe_internal', arguments: {} })).rejects.toThrow(/No tool "probe_internal"/);

      // A call the client cancels is cancelled in the agent: the action's signal aborts.
      const probe = globalThis as { probeHanging?: boolean; probeCancelled?: boolean };
      const cancel = new AbortController();
      const hanging = client.callTool({ name: 'probe_hang', arguments: {} }, undefined, { signal: cancel.signal });
      await expect.poll(() => probe.probeHanging, { timeout: 10_000 }).toBe(true);
      expect(probe.probeCancelled).toBeUndefined();
      cancel.abort();
      await expect(hanging).rejects.toThrow();
      await expect.poll(() => probe.probeCancelled, { timeout: 10_000 }).toBe(true);
      expect(protocolErrors).toEqual([]);
      expect(stderr()).toBe('');
    } finally {
      await client.close();
      stop('test over');
      expect(await running).toBe(0);
    }
  });

  it('says the agent is not running, on stderr, with the command that starts it', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': CONFIG, 'probe.ts': PROBE });
    const { client, transport, stderr } = mcpClient(project.dir);
    let closed: () => void = () => {};
    const exited = new Promise<void>((resolve) => (closed = resolve));
    transport.onclose = () => closed();
    await expect(client.connect(transport)).rejects.toThrow();
    await exited;
    expect(stderr()).toContain('The agent is not running');
    expect(stderr()).toContain('downcity start');
    await client.close();
  });
});
