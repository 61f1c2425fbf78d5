import { describe, expect, it } from 'vitest';
import { startAuthAgent } from '../../test/start-auth-agent.js';

describe('principals authenticated as the operator', () => {
  it('are owners without an owners entry or a pairing code; the same id without the mark is an unknown guest', async () => {
    await using auth = await startAuthAgent({ auth: { owners: ['telegram:1'] } });
    await expect(auth.channel.send({ userId: 'operator', authenticatedBy: 'operator', text: '/pair list' })).resolves.toEqual({
      status: 'answered',
      reply: 'No pairing requests are waiting.',
    });
    await expect(auth.channel.send({ userId: 'operator', authenticatedBy: 'operator', text: 'hello' })).resolves.toEqual({ status: 'answered', reply: 'echo: hello' });
    await expect(auth.agent.invoke('agent/identity', { principal: { id: 'telegram:operator', authenticatedBy: 'operator' } })).resolves.toEqual({
      principalId: 'telegram:operator',
      role: 'owner',
      known: true,
    });
    // The id alone proves nothing: a platform sender named "operator" pairs like anyone else.
    const stranger = await auth.channel.send({ userId: 'operator', text: 'hello' });
    expect(stranger.status).toBe('denied');
    expect(stranger.reply).toContain('pairing code');
  });

  it('never outrank a shared credential: a principal marked shared is capped whatever else it claims', async () => {
    await using auth = await startAuthAgent({ auth: { owners: ['telegram:1'] }, sharedPrincipals: ['telegram:kiosk'] });
    await expect(auth.agent.invoke('agent/identity', { principal: { id: 'telegram:kiosk', authenticatedBy: 'operator' } })).resolves.toMatchObject({ role: 'guest' });
  });
});
