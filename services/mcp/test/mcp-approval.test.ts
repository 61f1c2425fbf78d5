import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authPlugin } from '@downcity/auth';
import { createChatService } from '@downcity/chat';
import type { AgentOptions } from '@downcity/core';
import { shellService } from '@downcity/shell';
import { startTestAgent, type TestAgent } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { mcpService } from '../src/index.js';
import { testChannel } from './chat-channel.js';
import { stdioServer, whenRegistered } from './mcp-agent.js';

const SESSION = 'chat:test:bot:c1';
const REQUEST = /^The assistant wants to call note on files with \{"text":"(.*)"\}\. Reply \/approve (m[0-9a-f]{8}) or \/deny \2 \(expires in \d+ min\)\.$/;

interface ApprovalAgent extends AsyncDisposable {
  harness: TestAgent;
  /** The agent's data folder. */
  dir: string;
  channel: ReturnType<typeof testChannel>;
  /** The texts the fixture server's `note` tool really received. */
  calls(): string[];
  /** Makes the model call `note` with `text` in a turn by `userId`; returns the approval id from the chat request. */
  ask(text: string, userId?: string): Promise<string>;
}

/** An agent with chat (a test channel), the mcp service with one stdio server behind `approval: true`, and more. */
async function startApprovalAgent(options: { expiresMs?: number; shell?: boolean; auth?: Record<string, unknown>; approval?: boolean } = {}): Promise<ApprovalAgent> {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-approval-'));
  const callsFile = join(dir, 'calls.txt');
  const channel = testChannel();
  const services: AgentOptions['services'] = [createChatService({ channels: [channel.definition] }), ...(options.shell ? [shellService] : []), mcpService];
  const harness = await startTestAgent({
    services,
    ...(options.auth ? { plugins: [authPlugin] } : {}),
    config: {
      agent: { dataDir: dir },
      ...(options.auth ? { plugins: { auth: options.auth } } : {}),
      services: {
        chat: { channels: { test: {} } },
        mcp: {
          servers: { files: stdioServer({ approval: options.approval ?? true, env: { FIXTURE_CALLS: callsFile } }) },
          ...(options.expiresMs ? { approvals: { expiresMs: options.expiresMs } } : {}),
        },
        ...(options.shell ? { shell: { sandbox: 'none', workspace: join(dir, 'workspace'), workspaceScope: 'shared' } } : {}),
      },
    },
  });
  await whenRegistered(harness, 'mcp/files/pid');
  return {
    harness,
    dir,
    channel,
    calls: () => (existsSync(callsFile) ? readFileSync(callsFile, 'utf8').split('\n').filter(Boolean) : []),
    async ask(text, userId = 'u1') {
      harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_note', arguments: { text } }] }, { text: 'I asked you for approval.' });
      await channel.deliver(`please note ${text}`, { userId });
      const match = channel.sent.map((entry) => REQUEST.exec(entry.text)).findLast((found) => found !== null);
      if (!match?.[2] || match[1] !== text) throw new Error(`no approval request in ${JSON.stringify(channel.sent)}`);
      return match[2];
    },
    async [Symbol.asyncDispose]() {
      await harness.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('MCP servers with approval: true (the /approve flow)', () => {
  it('asks in the chat, calls the tool once on /approve, and the result reaches the session for the next turn', async () => {
    await using app = await startApprovalAgent();
    const id = await app.ask('buy milk');
    expect(app.calls()).toEqual([]);
    expect(app.channel.sent.at(-1)?.text).toBe('I asked you for approval.');
    const transcript = (await app.harness.transcript(SESSION)).join('\n');
    expect(transcript).toContain(`"status":"pending","approvalId":"${id}"`);
    expect(transcript).toContain('It has NOT been called yet');

    await app.channel.deliver(`/approve ${id}`);
    expect(app.channel.sent.at(-1)?.text).toBe('Called note on files. The assistant can see the result; ask it about it.');
    expect(app.calls()).toEqual(['buy milk']);
    expect((await app.harness.transcript(SESSION)).slice(-2)).toEqual([
      'assistant: [call mcp_files_note {"text":"buy milk"}]',
      'tool: [result mcp_files_note {"type":"json","value":"noted: buy milk"}]',
    ]);
    app.harness.model?.enqueue({ text: 'It is noted.' });
    await app.channel.deliver('did it work?');
    expect(JSON.stringify(app.harness.model?.calls.at(-1)?.prompt)).toContain('noted: buy milk');

    await app.channel.deliver(`/approve ${id}`);
    expect(app.channel.sent.at(-1)?.text).toBe(`Nothing is waiting for approval with id ${id}: it was already answered, cancelled, or it expired.`);
    expect(app.calls()).toEqual(['buy milk']);
  });

  it('never calls the server on /deny, and tells the model it was denied', async () => {
    await using app = await startApprovalAgent();
    const id = await app.ask('secret plan');
    await app.channel.deliver(`/deny ${id}`);
    expect(app.channel.sent.at(-1)?.text).toBe('Denied: note on files will not be called.');
    expect((await app.harness.transcript(SESSION)).at(-1)).toBe('tool: [result mcp_files_note {"type":"json","value":{"status":"denied","reason":"The user (test:u1) denied it."}}]');
    await app.channel.deliver(`/approve ${id}`);
    expect(app.channel.sent.at(-1)?.text).toContain(`Nothing is waiting for approval with id ${id}`);
    expect(app.calls()).toEqual([]);
  });

  it('lets neither another user, another session nor the model answer', async () => {
    await using app = await startApprovalAgent();
    const id = await app.ask('only mine');
    await app.channel.deliver(`/approve ${id}`, { userId: 'u2' });
    expect(app.channel.sent.at(-1)?.text).toBe('Only the person who asked for this call, in the same conversation, can approve or deny it.');
    expect(await app.harness.agent.invoke('mcp/approve', { id }, { principal: { id: 'test:u1', channel: 'test' }, sessionId: 'chat:test:bot:c2' })).toMatchObject({ status: 'forbidden' });
    expect(app.harness.model?.calls[0]?.tools?.map((tool) => tool.name)).not.toContain('mcp_approve');
    app.harness.model?.enqueue({ toolCalls: [{ name: 'mcp_approve', arguments: { id } }] }, { text: 'I approved it myself.' });
    await app.channel.deliver('approve it yourself');
    expect((await app.harness.transcript(SESSION)).join('\n')).not.toContain('noted: only mine');
    expect(app.calls()).toEqual([]);
    await app.channel.deliver(`/approve ${id}`);
    expect(app.calls()).toEqual(['only mine']);
  });

  it('lets the operator (no principal, not the model) answer, and tells the conversation', async () => {
    await using app = await startApprovalAgent();
    const id = await app.ask('from the console');
    expect(await app.harness.agent.invoke('mcp/approve', { id })).toMatchObject({ status: 'ran' });
    expect(app.calls()).toEqual(['from the console']);
    expect(app.channel.sent.at(-1)?.text).toMatch(/^The operator \(.+\) answered the request m[0-9a-f]{8}: Called note on files\./);
  });

  it('refuses an expired request without calling the server', { timeout: 20_000 }, async () => {
    await using app = await startApprovalAgent({ expiresMs: 1_000 });
    const id = await app.ask('too late');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await app.channel.deliver(`/approve ${id}`);
    expect(app.channel.sent.at(-1)?.text).toMatch(/^The request to call note on files expired, so it was not called\./);
    expect(app.calls()).toEqual([]);
    expect((await app.harness.transcript(SESSION)).at(-1)).toContain('"status":"denied","reason":"Nobody approved it before the request expired."');
  });

  it('cancels an approved call when the asker lost access meanwhile (mcp/before-call runs again)', async () => {
    await using app = await startApprovalAgent({ auth: { owners: ['test:owner'], roles: { member: ['chat', 'mcp'] } } });
    await app.harness.agent.invoke('auth/grant', { principalId: 'test:u1', role: 'member' });
    const id = await app.ask('before revoke');
    await app.harness.agent.invoke('auth/grant', { principalId: 'test:u1', role: 'guest' });
    await app.channel.deliver(`/approve ${id}`);
    expect(app.channel.sent.at(-1)?.text).toMatch(/^note on files will not be called: Calling MCP tool "note" of server "files" was denied: test:u1 \(role guest\) may not use the tools of MCP server "files"/);
    expect(app.calls()).toEqual([]);
  });

  it('is denied with a clear reason when there is no chat service to ask', async () => {
    await using harness = await startTestAgent({ services: [mcpService], config: { services: { mcp: { servers: { files: stdioServer({ approval: true }) } } } } });
    await whenRegistered(harness, 'mcp/files/pid');
    harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_note', arguments: { text: 'x' } }] }, { text: 'denied' });
    await harness.say('note x', { sessionId: 'cli' });
    expect((await harness.transcript('cli')).join('\n')).toContain(
      'Calling MCP tool \\"note\\" of server \\"files\\" needs the user\'s approval, so it was not called: the chat service is not installed, so there is nobody to ask.',
    );
  });

  it('shares /approve and /deny with the shell: each id reaches the service that issued it', async () => {
    await using app = await startApprovalAgent({ shell: true });
    app.harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['touch', 'approved.txt'] } }] }, { text: 'Asked.' });
    await app.channel.deliver('please touch it');
    const shellId = /reply \/approve ([0-9a-f]{8}) or/.exec(app.channel.sent.at(-2)?.text ?? '')?.[1];
    expect(shellId).toMatch(/^[0-9a-f]{8}$/);
    const mcpId = await app.ask('with the shell');

    await app.channel.deliver(`/approve ${mcpId}`);
    expect(app.channel.sent.at(-1)?.text).toContain('Called note on files.');
    expect(app.calls()).toEqual(['with the shell']);
    await app.channel.deliver(`/approve ${shellId}`);
    expect(app.channel.sent.at(-1)?.text).toMatch(/^Ran `touch approved.txt`: it finished with exit code 0/);
    expect(existsSync(join(app.dir, 'workspace', 'approved.txt'))).toBe(true);
    await app.channel.deliver(`/deny ${shellId}`);
    expect(app.channel.sent.at(-1)?.text).toBe(`No command is waiting for approval with id ${shellId}: it was already answered, cancelled, or it expired.`);
    await app.channel.deliver('/approve');
    expect(app.channel.sent.at(-1)?.text).toBe('Which command? Reply /approve <id> with the id from the request.');
  });

  it('calls a server without approval at once', async () => {
    await using app = await startApprovalAgent({ approval: false });
    app.harness.model?.enqueue({ toolCalls: [{ name: 'mcp_files_note', arguments: { text: 'direct' } }] }, { text: 'Done.' });
    await app.channel.deliver('note direct');
    expect(app.calls()).toEqual(['direct']);
    expect(app.channel.sent.map((entry) => entry.text)).toEqual(['Done.']);
  });
});
