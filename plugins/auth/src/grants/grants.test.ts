import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLibsqlStore } from '@downcity/store-libsql';
import { DowncityError } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { pairingCodeOf } from '../../test/pairing-code-of.js';
import { startAuthAgent } from '../../test/start-auth-agent.js';

describe('grants', () => {
  it('blocks a revoked user at once', async () => {
    await using auth = await startAuthAgent({ auth: { owners: ['telegram:1'], default: { direct: 'allowlist' } } });
    await auth.agent.invoke('auth/grant', { principalId: 'telegram:20', role: 'member' });
    await expect(auth.channel.send({ userId: '20', text: 'hi' })).resolves.toMatchObject({ status: 'answered' });
    await expect(auth.agent.invoke('auth/revoke', { principalId: 'telegram:20' })).resolves.toEqual({ revoked: true, pendingRemoved: false });
    await expect(auth.channel.send({ userId: '20', text: 'hi again' })).resolves.toMatchObject({ status: 'denied' });
    expect(auth.model.calls).toHaveLength(1);
    await expect(auth.agent.invoke('agent/identity', { principal: { id: 'telegram:20' } })).resolves.toEqual({ principalId: 'telegram:20', role: 'guest', known: false });
  });

  it('answers agent/identity for owners, grants and strangers', async () => {
    await using auth = await startAuthAgent({ auth: { owners: ['telegram:1'] } });
    await auth.agent.invoke('auth/grant', { principalId: 'feishu:ou_2', role: 'admin', displayName: 'Bo' });
    const identity = (id: string) => auth.agent.invoke('agent/identity', { principal: { id } });
    await expect(identity('telegram:1')).resolves.toEqual({ principalId: 'telegram:1', role: 'owner', known: true });
    await expect(identity('feishu:ou_2')).resolves.toEqual({ principalId: 'feishu:ou_2', role: 'admin', known: true });
    await expect(identity('telegram:3')).resolves.toEqual({ principalId: 'telegram:3', role: 'guest', known: false });
    await expect(auth.agent.invoke('auth/list', {})).resolves.toMatchObject({ owners: ['telegram:1'], grants: [{ principalId: 'feishu:ou_2', role: 'admin', displayName: 'Bo', via: 'grant', grantedBy: 'agent' }] });
  });

  it('lets only managers call the actions on someone else\'s behalf; owners from config cannot be revoked', async () => {
    await using auth = await startAuthAgent({ auth: { owners: ['telegram:1'] } });
    await auth.agent.invoke('auth/grant', { principalId: 'telegram:2', role: 'admin' });
    const asAdmin = await auth.agent.invoke('auth/grant', { principalId: 'telegram:3', role: 'admin' }, { principal: { id: 'telegram:2' } }).catch((error: unknown) => error);
    expect(DowncityError.is(asAdmin, 'DENIED')).toBe(true);
    await expect(auth.agent.invoke('auth/grant', { principalId: 'telegram:3' }, { principal: { id: 'telegram:1' } })).resolves.toMatchObject({ grant: { role: 'member', grantedBy: 'telegram:1' } });
    await expect(auth.agent.invoke('auth/revoke', { principalId: 'telegram:1' })).rejects.toThrow('is an owner from the config');
    await expect(auth.agent.invoke('auth/grant', { principalId: 'not an id', role: 'member' })).rejects.toThrow('principalId');
  });

  it('never offers its actions to the model as tools', async () => {
    await using auth = await startAuthAgent({ auth: { owners: ['telegram:1'] } });
    await auth.channel.send({ userId: '1', text: 'hi' });
    const tools = (auth.model.calls[0]?.tools ?? []).map((tool) => tool.name);
    expect(tools.filter((name) => name.startsWith('auth'))).toEqual([]);
  });

  it('keeps grants and pending codes across a restart (libSQL file store)', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'downcity-auth-'));
    try {
      const path = join(directory, 'agent.db');
      const config = { owners: ['telegram:1'] };
      let code: string;
      {
        await using auth = await startAuthAgent({ auth: config, store: createLibsqlStore({ path }) });
        await auth.agent.invoke('auth/grant', { principalId: 'telegram:30', role: 'admin' });
        code = pairingCodeOf((await auth.channel.send({ userId: '31', text: 'hi' })).reply);
      }
      await using auth = await startAuthAgent({ auth: config, store: createLibsqlStore({ path }) });
      await expect(auth.agent.invoke('agent/identity', { principal: { id: 'telegram:30' } })).resolves.toMatchObject({ role: 'admin', known: true });
      await expect(auth.channel.send({ userId: '30', text: 'back' })).resolves.toEqual({ status: 'answered', reply: 'echo: back' });
      await expect(auth.channel.send({ userId: '31', text: 'hi?' })).resolves.toMatchObject({ reply: expect.stringContaining(code) });
      await auth.agent.invoke('auth/approve', { code });
      await expect(auth.channel.send({ userId: '31', text: 'now?' })).resolves.toEqual({ status: 'answered', reply: 'echo: now?' });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
