import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { openResources, resourcesLeftOpen } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { LEAKED_KEY, startServingAgent } from '../../test/start-serving-agent.js';

/** An SDK client connected to `url` with `token` (or no Authorization header); closed by `await using`. */
async function connect(url: URL, token: string | undefined): Promise<Client & AsyncDisposable> {
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(url, token === undefined ? {} : { requestInit: { headers: { authorization: `Bearer ${token}` } } });
  await client.connect(transport);
  return Object.assign(client, { [Symbol.asyncDispose]: () => client.close() });
}

const textOf = (result: unknown): string => ((result as CallToolResult).content[0] as { text: string }).text;

describe('the MCP endpoint (streamable HTTP, SDK client)', () => {
  it('lists the agent\'s tool actions, with their JSON Schemas, and calls one as the token\'s principal', async () => {
    await using serving = await startServingAgent();
    expect(serving.url.pathname).toBe('/mcp');
    await using client = await connect(serving.url, await serving.tokenFor('bob'));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['probe_fail', 'probe_whoami', 'shell_exec', 'shell_session-run']);
    expect(tools.find((tool) => tool.name === 'probe_whoami')).toMatchObject({
      description: 'Tell who is calling: the principal and the caller.',
      inputSchema: { type: 'object', properties: { note: { type: 'string', maxLength: 20, description: 'Anything, echoed back' } }, required: ['note'], additionalProperties: false },
      _meta: { 'downcity/action': 'probe/whoami' },
    });
    const result = await client.callTool({ name: 'probe_whoami', arguments: { note: 'hi' } });
    expect(result.isError).toBeFalsy();
    const expected = { principal: 'http:bob', authenticatedBy: 'user-credential', caller: 'mcp', note: 'hi' };
    expect(result.structuredContent).toEqual(expected);
    expect(JSON.parse(textOf(result))).toEqual(expected);
  });

  it('lets the owner run a shell command and denies a guest, through auth\'s shell guard', async () => {
    await using serving = await startServingAgent();
    await using owner = await connect(serving.url, await serving.tokenFor('boss'));
    const ran = await owner.callTool({ name: 'shell_exec', arguments: { argv: ['echo', 'from mcp'] } });
    expect(ran.isError).toBeFalsy();
    expect(textOf(ran)).toContain('from mcp');

    await using guest = await connect(serving.url, await serving.tokenFor('stranger'));
    const denied = await guest.callTool({ name: 'shell_exec', arguments: { argv: ['echo', 'pwned'] } });
    expect(JSON.stringify(denied)).toContain('http:stranger (role guest) may not run shell commands');
    expect(JSON.stringify(denied)).not.toContain('pwned\\n');
    const audit = (await serving.agent.invoke('shell/audit' as never, { limit: 5 } as never)) as { records: { principal?: string; outcome: string }[] };
    expect(audit.records.map((record) => [record.principal, record.outcome])).toEqual([
      ['http:stranger', 'denied'],
      ['http:boss', 'ran'],
    ]);
  });

  it('turns a failing action and bad input into isError results with a redacted message, and an unknown tool into a protocol error', async () => {
    await using serving = await startServingAgent();
    await using client = await connect(serving.url, await serving.tokenFor('bob'));
    const failed = await client.callTool({ name: 'probe_fail', arguments: {} });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toBe('upstream refused the key [redacted] (HTTP 403)');
    expect(JSON.stringify(failed)).not.toContain(LEAKED_KEY);

    const invalid = await client.callTool({ name: 'probe_whoami', arguments: { note: 'x'.repeat(21) } });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toMatch(/input for action "probe\/whoami".*note/s);

    await expect(client.callTool({ name: 'probe_internal', arguments: {} })).rejects.toThrow(/No tool "probe_internal"\. Tools: probe_fail, probe_whoami, shell_exec, shell_session-run/);
  });

  it('answers a missing, forged or revoked token with 401 before any MCP message is read', async () => {
    await using serving = await startServingAgent();
    await expect(connect(serving.url, undefined)).rejects.toMatchObject({ code: 401, message: expect.stringContaining('Missing bearer token') });
    const token = await serving.tokenFor('bob');
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    await expect(connect(serving.url, forged)).rejects.toMatchObject({ code: 401, message: expect.stringContaining('Unknown or revoked token') });
    await expect(connect(serving.url, 'not-a-token')).rejects.toMatchObject({ code: 401 });

    const raw = await fetch(serving.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('www-authenticate')).toBe('Bearer');
    expect(await raw.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', message: expect.stringContaining('downcity auth token create') } });

    await using client = await connect(serving.url, token);
    const { tokens } = (await serving.agent.invoke('chat/http-token-list' as never, {} as never)) as { tokens: { id: string }[] };
    await serving.agent.invoke('chat/http-token-revoke' as never, { id: tokens[0]?.id } as never);
    await expect(client.listTools()).rejects.toMatchObject({ code: 401, message: expect.stringContaining('Unknown or revoked token') });
  });

  it('is stateless: GET is 405, and no session id is handed out', async () => {
    await using serving = await startServingAgent();
    const token = await serving.tokenFor('bob');
    const get = await fetch(serving.url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const init = await fetch(serving.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }),
    });
    expect(init.status).toBe(200);
    expect(init.headers.get('mcp-session-id')).toBeNull();
    expect(await init.json()).toMatchObject({ id: 1, result: { serverInfo: { name: 'downcity' }, capabilities: { tools: { listChanged: true } } } });
  });

  it('is off unless services.mcp.serve.http is set, and refuses to start without the chat service\'s tokens', async () => {
    await using quiet = await startServingAgent({ mcp: {} });
    expect(quiet.routes).toEqual([]);
    await expect(startServingAgent({ chat: false })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('no package provides "chat/http-token-verify"') });
  });

  it('leaves no server, socket or timer behind after start, calls and stop', async () => {
    const before = openResources();
    for (let cycle = 0; cycle < 3; cycle++) {
      await using serving = await startServingAgent();
      await using client = await connect(serving.url, await serving.tokenFor('bob'));
      await expect(client.callTool({ name: 'probe_whoami', arguments: { note: `c${cycle}` } })).resolves.toMatchObject({ structuredContent: { note: `c${cycle}` } });
    }
    expect(await resourcesLeftOpen(before)).toEqual({});
  });
});
