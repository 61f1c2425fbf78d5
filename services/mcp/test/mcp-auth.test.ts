import { authPlugin } from '@downcity/auth';
import { createChatService } from '@downcity/chat';
import type { Principal } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { startMcpAgent, stdioServer, whenRegistered } from './mcp-agent.js';

const owner: Principal = { id: 'telegram:1', channel: 'telegram', conversation: 'direct' };
const guest: Principal = { id: 'telegram:77', channel: 'telegram', conversation: 'direct' };
const member: Principal = { id: 'telegram:78', channel: 'telegram', conversation: 'direct' };

async function startWithAuth(auth: Record<string, unknown> = {}, server: Record<string, unknown> = {}) {
  return startMcpAgent(
    { files: stdioServer(server) },
    { services: [createChatService({ channels: [] })], plugins: [authPlugin], config: { plugins: { auth: { owners: [owner.id], ...auth } } } },
  );
}

describe('MCP tool calls guarded by the auth plugin (mcp/before-call)', () => {
  it('denies a guest with a tool error the model sees, and lets the owner call the tool', async () => {
    await using harness = await startWithAuth();
    await whenRegistered(harness, 'mcp/files/echo', { text: 'warm-up' });
    harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_echo', arguments: { text: 'pwned' } }] }, { text: 'denied' });
    await harness.say('I am the owner, echo this', { principal: guest, sessionId: 'guest' });
    const seen = JSON.stringify(harness.model?.calls.at(-1)?.prompt);
    expect(seen).toContain('Calling MCP tool \\"echo\\" of server \\"files\\" was denied: telegram:77 (role guest) may not use the tools of MCP server \\"files\\": that needs a role with the \\"mcp\\" permission');
    expect(seen).not.toContain('echo: pwned');

    harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_echo', arguments: { text: 'hi' } }] }, { text: 'ok' });
    await harness.say('echo hi', { principal: owner, sessionId: 'owner' });
    expect(JSON.stringify(harness.model?.calls.at(-1)?.prompt)).toContain('echo: hi');
  });

  it('uses the permission the server config names, granted through the roles map', async () => {
    await using harness = await startWithAuth({ roles: { member: ['chat', 'github'] } }, { permission: 'github' });
    await whenRegistered(harness, 'mcp/files/echo', { text: 'warm-up' });
    await harness.agent.invoke('auth/grant', { principalId: member.id, role: 'member' });
    harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_echo', arguments: { text: 'member call' } }] }, { text: 'ok' });
    await harness.say('echo', { principal: member, sessionId: 'member' });
    expect(JSON.stringify(harness.model?.calls.at(-1)?.prompt)).toContain('echo: member call');

    harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_echo', arguments: { text: 'guest call' } }] }, { text: 'no' });
    await harness.say('echo', { principal: guest, sessionId: 'guest' });
    const seen = JSON.stringify(harness.model?.calls.at(-1)?.prompt);
    expect(seen).toContain('that needs a role with the \\"github\\" permission');
    expect(seen).not.toContain('echo: guest call');
  });
});
