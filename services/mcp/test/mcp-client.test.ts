import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScriptedModel, openResources, recordingLogger, resourcesLeftOpen } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { eventually, isAlive, startHttpFixture, startMcpAgent, stdioServer, whenRegistered } from './mcp-agent.js';

const TOKEN = 'fixture-token-5f3a9c1e';

describe('MCP client over stdio (a real MCP server as a child process)', () => {
  it('offers the server tools to the model with their JSON Schemas, and a turn calls them', async () => {
    await using harness = await startMcpAgent({ files: stdioServer() });
    await whenRegistered(harness, 'mcp/files/echo', { text: 'warm-up' });
    harness.model?.enqueue(
      { toolCalls: [{ name: 'mcp_files_echo', arguments: { text: 'hello' } }, { name: 'mcp_files_add', arguments: { a: 2, b: 3 } }, { name: 'mcp_files_picture', arguments: {} }] },
      { text: 'done' },
    );
    const result = await harness.say('use the tools');
    expect(result.text).toBe('done');
    const offered = harness.model?.calls[0]?.tools ?? [];
    expect(offered.find((tool) => tool.name === 'mcp_files_echo')).toMatchObject({
      description: 'Echoes the text',
      inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    });
    const transcript = (await harness.transcript()).join('\n');
    expect(transcript).toContain('[result mcp_files_echo {"type":"text","value":"echo: hello"}]');
    expect(transcript).toContain('[result mcp_files_add {"type":"json","value":{"structuredContent":{"sum":5},"text":"5"}}]');
    expect(transcript).toContain('a red dot\\n\\n[image image/png, 16 bytes, not shown]');
  });

  it('checks the input against the tool schema before calling the server', async () => {
    await using harness = await startMcpAgent({ files: stdioServer() });
    await whenRegistered(harness, 'mcp/files/echo', { text: 'warm-up' });
    harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_echo', arguments: { text: 42 } }] }, { text: 'done' });
    await harness.say('echo a number');
    const transcript = (await harness.transcript()).join('\n');
    expect(transcript).toContain('Invalid input for action \\"mcp/files/echo\\"');
    expect(transcript).not.toContain('echo: 42');
  });

  it('gives a clear tool error when the server crashes mid-call, and the next call runs on the restarted server', async () => {
    await using harness = await startMcpAgent({ files: stdioServer() });
    const firstPid = Number(await whenRegistered(harness, 'mcp/files/pid'));
    harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_crash', arguments: {} }] }, { text: 'it crashed' }, { toolCalls: [{ name: 'mcp_files_pid', arguments: {} }] }, { text: 'done' });
    expect((await harness.say('crash it')).text).toBe('it crashed');
    expect((await harness.transcript()).join('\n')).toContain('MCP server \\"files\\" closed the connection during the call to \\"crash\\" (it crashed or exited)');
    await harness.say('which process?');
    const transcript = await harness.transcript();
    const pidLine = transcript.find((line) => line.includes('[result mcp_files_pid'));
    const secondPid = Number(/"(\d+)"/.exec(pidLine ?? '')?.[1]);
    expect(secondPid).toBeGreaterThan(0);
    expect(secondPid).not.toBe(firstPid);
    expect(isAlive(firstPid)).toBe(false);
  });

  it('turns a tool that hangs into a timeout error, and the server still answers afterwards', async () => {
    await using harness = await startMcpAgent({ files: stdioServer({ timeoutMs: 300 }) });
    await whenRegistered(harness, 'mcp/files/echo', { text: 'warm-up' });
    harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_hang', arguments: {} }] }, { text: 'too slow' });
    expect((await harness.say('hang')).text).toBe('too slow');
    expect((await harness.transcript()).join('\n')).toContain('MCP tool \\"hang\\" of server \\"files\\" did not answer within 300 ms');
    await expect(harness.agent.invoke('mcp/files/echo' as never, { text: 'still here' } as never)).resolves.toBe('echo: still here');
  });

  it('refuses an oversized result with a tool error naming the limit', async () => {
    await using harness = await startMcpAgent({ files: stdioServer({ maxResultBytes: 1_000 }) });
    await whenRegistered(harness, 'mcp/files/echo', { text: 'warm-up' });
    harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_big', arguments: { size: 5_000 } }] }, { text: 'too big' });
    await harness.say('big');
    const transcript = (await harness.transcript()).join('\n');
    expect(transcript).toMatch(/The result of MCP tool \\"big\\" of server \\"files\\" is \d+ bytes, more than the 1000 allowed/);
    expect(transcript).not.toContain('x'.repeat(1_000));
  });

  it('refreshes the actions when the server announces a new tool list', async () => {
    await using harness = await startMcpAgent({ files: stdioServer() });
    await expect(whenRegistered(harness, 'mcp/files/learn')).resolves.toBe('learned');
    await expect(whenRegistered(harness, 'mcp/files/late')).resolves.toBe('late tool ran');
    harness.model?.enqueue({ text: 'hi' });
    await harness.say('what can you do?');
    expect(harness.model?.calls.at(-1)?.tools?.map((tool) => tool.name)).toContain('mcp_files_late');
  });

  it('offers only the allow-listed tools', async () => {
    await using harness = await startMcpAgent({ files: stdioServer({ tools: ['echo'] }) });
    await whenRegistered(harness, 'mcp/files/echo', { text: 'warm-up' });
    harness.model?.enqueue({ text: 'hi' });
    await harness.say('hello');
    expect(harness.model?.calls.at(-1)?.tools?.filter((tool) => tool.name.startsWith('mcp_')).map((tool) => tool.name)).toEqual(['mcp_files_echo']);
  });

  it('never shows a server env secret: an error that contains it reaches the model redacted, and no log line has it', async () => {
    const logger = recordingLogger();
    await using harness = await startMcpAgent({ files: stdioServer({ env: { FIXTURE_TOKEN: TOKEN } }) }, { logger });
    await whenRegistered(harness, 'mcp/files/echo', { text: 'warm-up' });
    await eventually(() => expect(logger.lines.some((line) => JSON.stringify(line.fields).includes('fixture started with token [redacted]'))).toBe(true));
    harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_fail', arguments: {} }] }, { text: 'failed' });
    await harness.say('fail');
    const seen = JSON.stringify(harness.model?.calls.at(-1)?.prompt);
    expect(seen).toContain('MCP tool \\"fail\\" of server \\"files\\" reported an error: token [redacted] rejected');
    expect(seen).not.toContain(TOKEN);
    expect(JSON.stringify(logger.lines)).not.toContain(TOKEN);
  });

  it('stops the server process when the agent stops, leaving no handle open', async () => {
    const before = openResources();
    const harness = await startMcpAgent({ files: stdioServer() });
    const pid = Number(await whenRegistered(harness, 'mcp/files/pid'));
    expect(isAlive(pid)).toBe(true);
    await harness.stop();
    await eventually(() => expect(isAlive(pid)).toBe(false));
    expect(await resourcesLeftOpen(before)).toEqual({});
  });
});

describe('MCP client lifecycle', () => {
  it('does not delay agent start for a server that never answers, and stops its process with the agent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'downcity-mcp-'));
    try {
      const pidFile = join(dir, 'pid');
      const silent = fileURLToPath(new URL('./fixtures/silent-server.mjs', import.meta.url));
      const harness = await startMcpAgent({ mute: { command: process.execPath, args: [silent], env: { PID_FILE: pidFile } } });
      expect((await harness.say('hello')).text).toBe('echo: hello');
      const pid = await eventually(async () => Number(await readFile(pidFile, 'utf8')));
      expect(isAlive(pid)).toBe(true);
      await harness.stop();
      await eventually(() => expect(isAlive(pid)).toBe(false));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('MCP client over streamable HTTP (a real MCP server on 127.0.0.1)', () => {
  it('sends the configured headers, and a turn calls the server tools', async () => {
    await using fixture = await startHttpFixture(TOKEN);
    const model = createScriptedModel();
    const logger = recordingLogger();
    await using harness = await startMcpAgent({ remote: { url: fixture.url, headers: { Authorization: `Bearer ${TOKEN}` } } }, { model, logger });
    await whenRegistered(harness, 'mcp/remote/echo', { text: 'warm-up' });
    model.enqueue({ toolCalls: [{ name: 'mcp_remote_add', arguments: { a: 20, b: 22 } }] }, { text: 'forty-two' });
    await harness.agent.session.open('test:session', { kind: 'chat' });
    const result = await harness.agent.session.turn('test:session', { input: [{ role: 'user', content: 'add' }] });
    expect(result.text).toBe('forty-two');
    expect(JSON.stringify(model.calls.at(-1)?.prompt)).toContain('"output":{"type":"json","value":{"structuredContent":{"sum":42},"text":"42"}}');
    expect(JSON.stringify(logger.lines)).toContain('MCP server \\"remote\\" connected');
    expect(JSON.stringify(logger.lines)).not.toContain(TOKEN);
  });

  it('keeps retrying a server that refuses the credentials, logging why without the header value', async () => {
    await using fixture = await startHttpFixture(TOKEN);
    const logger = recordingLogger();
    await using harness = await startMcpAgent({ remote: { url: fixture.url, headers: { Authorization: 'Bearer wrong-token-0000' }, timeoutMs: 2_000 } }, { logger });
    await eventually(() => expect(logger.lines.filter((line) => line.message === 'MCP server "remote" could not be reached; retrying').length).toBeGreaterThanOrEqual(2));
    const error = await harness.agent.invoke('mcp/remote/echo' as never, { text: 'x' } as never).catch((caught: unknown) => caught);
    expect(String(error)).toContain('No action "mcp/remote/echo"');
    expect(JSON.stringify(logger.lines)).not.toContain('wrong-token-0000');
  });
});
