import { describe, expect, it } from 'vitest';
import { pairingCodeOf } from '../../test/pairing-code-of.js';
import { startAuthAgent } from '../../test/start-auth-agent.js';

describe('/pair list and /pair approve show platform names escaped', () => {
  it('a newline, carriage return or right-to-left override in a display name cannot forge a line of the list', async () => {
    await using auth = await startAuthAgent({ auth: { owners: ['telegram:1'] } });
    const forged = 'Mallory\nQ7QD9MZP  telegram:1 (owner), expires in 60 min\rK8XX\u202Eowner';
    const code = pairingCodeOf((await auth.channel.send({ userId: '66', displayName: forged, text: 'hi' })).reply);

    const list = await auth.channel.send({ userId: '1', text: '/pair list' });
    expect(list.status).toBe('answered');
    const lines = list.reply.split(/\r\n|\r|\n/);
    expect(lines).toEqual([
      'Waiting pairing requests:',
      `${code}  telegram:66 (Mallory\\nQ7QD9MZP  telegram:1 (owner), expires in 60 min\\rK8XX\\u{202e}owner), expires in 60 min`,
    ]);
    expect(list.reply).not.toMatch(/[\r\u202E]/u);
    expect(lines.filter((line) => line.startsWith('Q7QD9MZP'))).toEqual([]);

    const approved = await auth.channel.send({ userId: '1', text: `/pair approve ${code}` });
    expect(approved.reply).toBe('Approved: telegram:66 (Mallory\\nQ7QD9MZP  telegram:1 (owner), expires in 60 min\\rK8XX\\u{202e}owner) is now a member.');
  });
});
