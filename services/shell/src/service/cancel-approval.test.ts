import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { definePlugin } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { fakeChatService } from '../testing/fake-chat-service.js';
import { alice, startShellAgent, type ShellTestAgent } from '../testing/shell-test-agent.js';

const REQUEST = /reply \/approve ([0-9a-f]{8}) or \/deny \1/;

/** A guard that lets everyone run commands until `revoke(id)`, like auth after a revoke. */
function revocableAccess() {
  const revoked = new Set<string>();
  const plugin = definePlugin({
    package: { name: 'access', version: '1.0.0', downcity: { id: 'access', kind: 'plugin', attaches: { 'shell/before-exec': { kind: 'guard' } } } },
    setup: () => ({
      handlers: {
        'shell/before-exec': (request) =>
          request.principal && revoked.has(request.principal.id) ? { allow: false, reason: `${request.principal.id} was revoked` } : { allow: true },
      },
    }),
  });
  return { plugin, revoke: (id: string) => revoked.add(id) };
}

async function ask(harness: ShellTestAgent, chat: ReturnType<typeof fakeChatService>, file: string): Promise<string> {
  harness.model?.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['touch', file] } }] }, { text: 'asked' });
  await harness.say('make it', { principal: alice });
  const id = REQUEST.exec(chat.sent.at(-1)?.text ?? '')?.[1];
  if (!id) throw new Error('no approval request');
  return id;
}

describe.skipIf(process.platform !== 'linux')('pending approvals of a principal who may no longer run commands', () => {
  it('are cancelled when listed, with the reason stored, and /approve cannot run them', async () => {
    const chat = fakeChatService();
    const access = revocableAccess();
    await using harness = await startShellAgent({ services: [chat.service], plugins: [access.plugin] });
    const listed = await ask(harness, chat, 'listed.txt');
    const answered = await ask(harness, chat, 'answered.txt');
    expect((await harness.agent.invoke('shell/pending', {})).pending.map((entry) => entry.id)).toEqual([listed, answered]);
    access.revoke('http:alice');

    const approve = await chat.command(harness.agent, { name: 'approve', args: answered, sessionId: 'test:session', principal: alice });
    expect(approve).toMatchObject({ status: 'cancelled', reply: expect.stringContaining('Cancelled before it ran: Blocked by access: http:alice was revoked') });
    expect((await harness.agent.invoke('shell/pending', {})).pending).toEqual([]);
    expect(await chat.command(harness.agent, { name: 'approve', args: listed, sessionId: 'test:session', principal: alice })).toMatchObject({ status: 'not-found' });

    expect(existsSync(join(harness.workspaceOf('http:alice'), 'answered.txt'))).toBe(false);
    expect(existsSync(join(harness.workspaceOf('http:alice'), 'listed.txt'))).toBe(false);
    const cancelled = (await harness.audit()).filter((record) => record.outcome === 'denied');
    expect(cancelled.map((record) => [record.approvalId, record.deniedBy, record.reason]).sort()).toEqual(
      [
        [answered, 'guard', 'Cancelled before it ran: Blocked by access: http:alice was revoked'],
        [listed, 'guard', 'Cancelled before it ran: Blocked by access: http:alice was revoked'],
      ].sort(),
    );
    expect((await harness.toolResults()).slice(-2)).toEqual([
      expect.objectContaining({ status: 'denied', deniedBy: 'guard' }),
      expect.objectContaining({ status: 'denied', deniedBy: 'guard' }),
    ]);
  });

  it('are cancelled at once by shell/cancel-pending, only for that principal, never by the model or another principal', async () => {
    const chat = fakeChatService();
    await using harness = await startShellAgent({ services: [chat.service] });
    const id = await ask(harness, chat, 'x.txt');
    await expect(harness.agent.invoke('shell/cancel-pending', { principalId: 'http:alice' }, { principal: { id: 'http:mallory' } })).rejects.toMatchObject({ code: 'DENIED' });
    expect(await harness.agent.invoke('shell/cancel-pending', { principalId: 'http:bob' })).toEqual({ cancelled: [] });
    expect(await harness.agent.invoke('shell/cancel-pending', { principalId: 'http:alice', reason: 'Access revoked.' })).toEqual({ cancelled: [id] });
    expect((await harness.agent.invoke('shell/pending', {})).pending).toEqual([]);
    expect(await chat.command(harness.agent, { name: 'approve', args: id, sessionId: 'test:session', principal: alice })).toMatchObject({ status: 'not-found' });
    expect((await harness.audit())[0]).toMatchObject({ outcome: 'denied', deniedBy: 'cancelled', reason: 'Access revoked.', approvalId: id, principal: 'http:alice' });
    expect(harness.model?.calls.at(-1)?.tools?.map((tool) => tool.name)).not.toContain('shell_cancel-pending');
  });
});
