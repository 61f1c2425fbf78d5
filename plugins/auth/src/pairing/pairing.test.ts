import { DowncityError } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { pairingCodeOf } from '../../test/pairing-code-of.js';
import { startAuthAgent } from '../../test/start-auth-agent.js';

const owner = { owners: ['telegram:1'] };

describe('pairing', () => {
  it('end to end: code reply, the owner approves with /pair approve, the user now gets model replies', async () => {
    await using auth = await startAuthAgent({ auth: owner });
    const code = pairingCodeOf((await auth.channel.send({ userId: '42', displayName: 'Ada', text: 'hi' })).reply);
    await expect(auth.channel.send({ userId: '1', text: '/pair list' })).resolves.toMatchObject({ status: 'answered', reply: expect.stringContaining(`${code}  telegram:42 (Ada)`) });
    await expect(auth.channel.send({ userId: '1', text: `/pair approve ${code.toLowerCase()}` })).resolves.toEqual({ status: 'answered', reply: 'Approved: telegram:42 (Ada) is now a member.' });
    await expect(auth.channel.send({ userId: '42', text: 'hello again' })).resolves.toEqual({ status: 'answered', reply: 'echo: hello again' });
    await expect(auth.agent.invoke('agent/identity', { principal: { id: 'telegram:42' } })).resolves.toEqual({ principalId: 'telegram:42', role: 'member', known: true });
    await expect(auth.agent.invoke('auth/pending', {})).resolves.toEqual({ pending: [] });
  });

  it('end to end through the auth/approve action (what the CLI calls)', async () => {
    await using auth = await startAuthAgent({ auth: { ...owner, pairing: { role: 'guest' } } });
    const code = pairingCodeOf((await auth.channel.send({ userId: '43', text: 'hi' })).reply);
    const { grant } = await auth.agent.invoke('auth/approve', { code });
    expect(grant).toMatchObject({ principalId: 'telegram:43', role: 'guest', via: 'pairing', grantedBy: 'agent' });
    await expect(auth.channel.send({ userId: '43', text: 'hi' })).resolves.toEqual({ status: 'answered', reply: 'echo: hi' });
  });

  it('reminds a user of the same code instead of issuing a new one per message', async () => {
    await using auth = await startAuthAgent({ auth: owner });
    const first = pairingCodeOf((await auth.channel.send({ userId: '44', text: 'hi' })).reply);
    const second = await auth.channel.send({ userId: '44', text: 'hello?' });
    expect(second.reply).toMatch(/^Your access request is still waiting/);
    expect(pairingCodeOf(second.reply)).toBe(first);
    expect((await auth.agent.invoke('auth/pending', {})).pending).toHaveLength(1);
  });

  it('refuses an expired code, and the user gets a fresh one on the next message', async () => {
    await using auth = await startAuthAgent({ auth: { ...owner, pairing: { codeTtlMs: 50 } } });
    const code = pairingCodeOf((await auth.channel.send({ userId: '45', text: 'hi' })).reply);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const error = await auth.agent.invoke('auth/approve', { code }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error, 'INPUT_INVALID') && error.details.reason).toBe('CODE_EXPIRED');
    await expect(auth.channel.send({ userId: '1', text: `/pair approve ${code}` })).resolves.toMatchObject({ reply: expect.stringMatching(/^No pending pairing request has code/) });
    const fresh = pairingCodeOf((await auth.channel.send({ userId: '45', text: 'hi again' })).reply);
    expect(fresh).not.toBe(code);
    await expect(auth.channel.send({ userId: '45', text: 'still there?' })).resolves.toMatchObject({ status: 'denied' });
  });

  it('caps pending codes: new requests are refused, waiting ones are kept', async () => {
    await using auth = await startAuthAgent({ auth: { ...owner, pairing: { maxPending: 2 } } });
    const first = pairingCodeOf((await auth.channel.send({ userId: '61', text: 'hi' })).reply);
    pairingCodeOf((await auth.channel.send({ userId: '62', text: 'hi' })).reply);
    await expect(auth.channel.send({ userId: '63', text: 'hi' })).resolves.toEqual({
      status: 'denied',
      reply: 'I cannot take new access requests right now because too many are waiting for approval. Please try again later.',
    });
    expect((await auth.agent.invoke('auth/pending', {})).pending.map((pending) => pending.principalId)).toEqual(['telegram:61', 'telegram:62']);
    await auth.agent.invoke('auth/approve', { code: first });
    expect(pairingCodeOf((await auth.channel.send({ userId: '63', text: 'hi' })).reply)).toMatch(/^[A-Z2-9]{8}$/);
  });

  it('says so for an unknown code', async () => {
    await using auth = await startAuthAgent({ auth: owner });
    await expect(auth.agent.invoke('auth/approve', { code: 'ZZZZ-ZZZZ' })).rejects.toThrow('No pending pairing request has code ZZZZZZZZ');
  });
});
