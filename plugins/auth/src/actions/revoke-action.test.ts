import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellService } from '@downcity/shell';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAuthAgent } from '../../test/start-auth-agent.js';

const shell = { policy: { allow: [{ program: 'echo' }] }, approval: { mode: 'ask' }, timeoutMs: 10_000 };
const auth = { owners: ['telegram:1'], default: { direct: 'open' as const } };

describe.skipIf(process.platform !== 'linux')('auth/revoke with the shell service', () => {
  let dataDir = '';
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'downcity-auth-revoke-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('cancels the commands the revoked principal is waiting to have approved, so /approve runs nothing', async () => {
    await using agent = await startAuthAgent({ auth, services: [shellService], config: { shell }, dataDir });
    await agent.agent.invoke('auth/grant', { principalId: 'telegram:78', role: 'admin' });
    agent.model.enqueue({ toolCalls: [{ name: 'shell_exec', arguments: { argv: ['touch', 'after-revoke.txt'] } }] }, { text: 'I asked for approval.' });
    await agent.channel.send({ userId: '78', text: 'make the file' });
    const [pending] = (await agent.agent.invoke('shell/pending', {})).pending;
    expect(pending).toMatchObject({ requestedBy: 'telegram:78', command: 'touch after-revoke.txt' });

    await expect(agent.agent.invoke('auth/revoke', { principalId: 'telegram:78' })).resolves.toEqual({ revoked: true, pendingRemoved: false, shellApprovalsCancelled: 1 });
    expect((await agent.agent.invoke('shell/pending', {})).pending).toEqual([]);
    const reply = await agent.channel.send({ userId: '78', text: `/approve ${pending?.id}` });
    expect(reply.reply).not.toMatch(/^Ran /);
    const [record] = (await agent.agent.invoke('shell/audit', { limit: 10 })).records;
    expect(record).toMatchObject({ principal: 'telegram:78', outcome: 'denied', deniedBy: 'cancelled', reason: 'Cancelled: the access of telegram:78 was revoked by agent.' });
  });

  it('reports no count when the shell service is not installed', async () => {
    await using agent = await startAuthAgent({ auth, dataDir });
    await agent.agent.invoke('auth/grant', { principalId: 'telegram:79', role: 'member' });
    await expect(agent.agent.invoke('auth/revoke', { principalId: 'telegram:79' })).resolves.toEqual({ revoked: true, pendingRemoved: false });
  });
});
