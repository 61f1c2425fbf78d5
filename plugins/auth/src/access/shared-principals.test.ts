import type { Logger, LogMethod } from '@downcity/core';
import { DowncityError } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { startAuthAgent } from '../../test/start-auth-agent.js';

/** A logger that keeps every error message. */
function recordingLogger(errors: string[]): Logger {
  const ignore: LogMethod = () => {};
  const error: LogMethod = (first: unknown, message?: string) => void errors.push(typeof first === 'string' ? first : (message ?? ''));
  const logger: Logger = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error, child: () => logger };
  return logger;
}

describe('principals authenticated only by a shared credential', () => {
  it('are never owners even when listed, with a config error logged at start', async () => {
    const errors: string[] = [];
    await using auth = await startAuthAgent({
      auth: { owners: ['telegram:1', 'telegram:shared'], default: { direct: 'open' } },
      sharedPrincipals: ['telegram:shared'],
      logger: recordingLogger(errors),
    });
    expect(errors).toEqual([expect.stringContaining('plugins.auth.owners lists telegram:shared, the principal of a shared credential')]);
    // By the id the channel reserves, even without authenticatedBy (a task stored without it).
    await expect(auth.agent.invoke('agent/identity', { principal: { id: 'telegram:shared' } })).resolves.toEqual({ principalId: 'telegram:shared', role: 'guest', known: false });
    await expect(auth.channel.send({ userId: 'shared', authenticatedBy: 'shared-credential', text: '/pair list' })).resolves.toEqual({
      status: 'denied',
      reply: 'Only the owner of this assistant can use /pair.',
    });
    await expect(auth.agent.invoke('auth/list', {}, { principal: { id: 'telegram:shared' } })).rejects.toMatchObject({ code: 'DENIED' });
    await expect(auth.agent.invoke('agent/identity', { principal: { id: 'telegram:1' } })).resolves.toMatchObject({ role: 'owner' });
  });

  it('are at most members: an admin grant is refused, and one given earlier counts as member', async () => {
    await using auth = await startAuthAgent({ auth: { owners: ['telegram:1'] }, sharedPrincipals: ['telegram:shared'] });
    const admin = await auth.agent.invoke('auth/grant', { principalId: 'telegram:shared', role: 'admin' }).catch((error: unknown) => error);
    expect(DowncityError.is(admin, 'INPUT_INVALID')).toBe(true);
    await auth.agent.invoke('auth/grant', { principalId: 'telegram:shared', role: 'member' });
    await expect(auth.agent.invoke('agent/identity', { principal: { id: 'telegram:shared' } })).resolves.toEqual({ principalId: 'telegram:shared', role: 'member', known: true });

  });

  it('caps a principal the channel marks as shared-credential, whatever its id', async () => {
    // Admins may use /pair here, so the reply shows whether the principal counts as an admin.
    await using auth = await startAuthAgent({ auth: { owners: ['telegram:1'], roles: { admin: ['chat', 'auth'] } } });
    await auth.agent.invoke('auth/grant', { principalId: 'telegram:kiosk', role: 'admin' });
    await expect(auth.channel.send({ userId: 'kiosk', text: '/pair list' })).resolves.toEqual({ status: 'answered', reply: 'No pairing requests are waiting.' });
    await expect(auth.channel.send({ userId: 'kiosk', authenticatedBy: 'shared-credential', text: '/pair list' })).resolves.toEqual({
      status: 'denied',
      reply: 'Only the owner of this assistant can use /pair.',
    });
  });
});
