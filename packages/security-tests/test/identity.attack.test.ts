import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ASSERTION_SECRET, HTTP_TOKEN, OWNER, httpSessionId, startAttackAgent, userAssertion, type AttackAgent } from './attack-agent.js';

const echo = [{ name: 'shell_exec', arguments: { argv: ['echo', 'pwned'] } }];
const bearer = (credential: string): Record<string, string> => ({ authorization: `Bearer ${credential}` });
const json = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const seconds = (): number => Math.floor(Date.now() / 1000);

/** An HS256 JWT signed by hand, so a test can sign anything (an expired one, another secret). */
function hs256(claims: Record<string, unknown>, secret = ASSERTION_SECRET): string {
  const unsigned = `${json({ alg: 'HS256', typ: 'JWT' })}.${json(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** What an attack left behind: chat sessions, model calls, shell audit records. */
async function traces(target: AttackAgent): Promise<{ sessions: number; modelCalls: number; audit: number }> {
  const { sessions } = await target.agent.invoke('chat/sessions', {});
  return { sessions: sessions.length, modelCalls: target.model.calls.length, audit: (await target.audit()).length };
}

/** Posts a message whose turn would run `echo pwned` if the model got to answer. */
async function attempt(target: AttackAgent, body: Record<string, unknown>, credential: string): Promise<{ status: number; error: { code: string; message: string } | undefined }> {
  const response = await target.post({ text: target.scriptMessage(echo), ...body }, bearer(credential));
  const answer = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, error: answer.error };
}

describe.skipIf(process.platform !== 'linux')('identity: who speaks over HTTP is bound to the credential, not the body', () => {
  it('with only the shared token, "user": "owner" gets 403: nothing stored, no model call, no shell run', async () => {
    await using target = await startAttackAgent();
    const claim = await attempt(target, { chatId: 'boss', user: OWNER }, HTTP_TOKEN);
    expect(claim).toEqual({ status: 403, error: { code: 'USER_MISMATCH', message: expect.stringContaining('the shared token speaks only as "shared"') } });
    const object = await attempt(target, { chatId: 'boss', user: { id: OWNER, displayName: 'The Owner' } }, HTTP_TOKEN);
    expect(object.status).toBe(403);
    expect(await traces(target)).toEqual({ sessions: 0, modelCalls: 0, audit: 0 });
    expect(await target.toolResults(httpSessionId('boss'))).toEqual([]);
  });

  it('a per-user token for bob claiming alice gets 403, and speaks as bob when it claims nothing', async () => {
    await using target = await startAttackAgent();
    const bob = await target.userToken('bob');
    const claim = await attempt(target, { chatId: 'impersonation', user: 'alice' }, bob.token);
    expect(claim).toEqual({ status: 403, error: { code: 'USER_MISMATCH', message: expect.stringContaining('its credential authenticates "bob"') } });
    const asOwner = await attempt(target, { chatId: 'impersonation', user: OWNER }, bob.token);
    expect(asOwner.status).toBe(403);
    expect(await traces(target)).toEqual({ sessions: 0, modelCalls: 0, audit: 0 });

    const honest = await attempt(target, { chatId: 'bob' }, bob.token);
    expect(honest.status).toBe(200);
    expect((await target.audit())[0]).toMatchObject({ principal: 'http:bob', outcome: 'denied' });
  });

  it('an expired, wrongly signed, alg none or tampered assertion gets 401; a valid one is accepted', async () => {
    await using target = await startAttackAgent();
    const valid = await userAssertion('carol');
    const ok = await target.post({ text: 'hi', chatId: 'carol' }, bearer(valid));
    expect(ok.status).toBe(200);
    const calls = target.model.calls.length;

    const [header, , signature] = valid.split('.') as [string, string, string];
    const forged: [string, string, RegExp][] = [
      ['expired', hs256({ sub: OWNER, iat: seconds() - 120, exp: seconds() - 60 }), /expired/],
      ['wrongly signed', hs256({ sub: OWNER, iat: seconds(), exp: seconds() + 60 }, 'not-the-secret-but-just-as-long-0123456789ab'), /signature does not verify/],
      ['alg none', `${json({ alg: 'none', typ: 'JWT' })}.${json({ sub: OWNER, exp: seconds() + 60 })}.`, /HS256/],
      ['tampered', `${header}.${json({ sub: OWNER, iat: seconds(), exp: seconds() + 60 })}.${signature}`, /signature does not verify/],
      ['no expiry', hs256({ sub: OWNER }), /"exp" claim/],
      ['a year long', hs256({ sub: OWNER, iat: seconds(), exp: seconds() + 31_536_000 }), /lives longer than/],
    ];
    for (const [what, assertion, reason] of forged) {
      const outcome = await attempt(target, { chatId: 'forged', user: OWNER }, assertion);
      expect({ what, ...outcome }).toEqual({ what, status: 401, error: { code: 'UNAUTHORIZED', message: expect.stringMatching(reason) } });
    }
    expect(target.model.calls.length).toBe(calls);
    expect(await target.audit()).toEqual([]);
    expect(await target.toolResults(httpSessionId('forged'))).toEqual([]);
  });

  it('a revoked token gets 401 at once', async () => {
    await using target = await startAttackAgent();
    const owner = await target.userToken(OWNER);
    const before = await target.turn({ calls: echo, headers: bearer(owner.token) });
    expect(before.results[0]).toMatchObject({ status: 'ran', stdout: 'pwned\n' });
    const calls = target.model.calls.length;

    await expect(target.agent.invoke('chat/http-token-revoke', { id: owner.id })).resolves.toMatchObject({ revoked: true });
    const after = await attempt(target, { chatId: `chat-${OWNER}`, user: OWNER }, owner.token);
    expect(after).toEqual({ status: 401, error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/Unknown or revoked token/) } });
    expect(target.model.calls.length).toBe(calls);
    expect(await target.audit()).toHaveLength(1);
  });

  it('the shared principal listed as an owner in the auth config still cannot run the shell tool', async () => {
    await using target = await startAttackAgent({ auth: { owners: ['http:shared'], channels: { http: { direct: 'open' } } } });
    const shared = await attempt(target, { chatId: 'kiosk' }, HTTP_TOKEN);
    expect(shared.status).toBe(200);
    const results = await target.toolResults(httpSessionId('kiosk', 'shared'));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'denied', deniedBy: 'guard' });
    expect(await target.audit()).toEqual([expect.objectContaining({ principal: 'http:shared', outcome: 'denied', deniedBy: 'guard' })]);
  });

  it('the genuine owner can, with a per-user token or a signed assertion', async () => {
    await using target = await startAttackAgent();
    const owner = await target.userToken(OWNER);
    const withToken = await target.turn({ calls: echo, headers: bearer(owner.token) });
    expect(withToken.results[0]).toMatchObject({ status: 'ran', exitCode: 0, stdout: 'pwned\n' });
    const withAssertion = await target.turn({ calls: echo, headers: bearer(await userAssertion(OWNER)) });
    expect(withAssertion.results[0]).toMatchObject({ status: 'ran', exitCode: 0, stdout: 'pwned\n' });
    expect((await target.audit()).map((record) => [record.principal, record.outcome])).toEqual([
      ['http:owner', 'ran'],
      ['http:owner', 'ran'],
    ]);
  });
});
