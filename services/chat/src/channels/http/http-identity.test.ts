import { createMemoryStore, DowncityError, type Principal } from '@downcity/core';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { startChatAgent } from '../../../test/start-chat-agent.js';
import { testPlugin } from '../../../test/test-plugin.js';
import { signUserAssertion } from './credentials/sign-user-assertion.js';
import { httpChannel } from './http-channel.js';

const TOKEN = 'identity-test-shared-token-0001';
const SECRET = 'identity-test-assertion-secret-0123456789abcdef';
const key = new TextEncoder().encode(SECRET);
const now = (): number => Math.floor(Date.now() / 1000);

/** An agent with the HTTP channel (shared token, assertions) and a guard that records every principal it sees. */
async function startIdentityAgent(http: Record<string, unknown> = { token: TOKEN, assertions: { secret: SECRET } }) {
  const principals: Principal[] = [];
  const recorder = testPlugin('recorder', { 'chat/authorize': 'guard' }, {
    'chat/authorize': ({ principal }) => {
      principals.push(principal);
      return { allow: true };
    },
  });
  const store = createMemoryStore();
  const chat = await startChatAgent({ chat: { channels: [httpChannel] }, config: { channels: { http: { port: 0, ...http } } }, plugins: [recorder], store });
  const { channels } = await chat.agent.invoke('chat/channels', {});
  const url = String(channels[0]?.info.url);
  const post = (body: Record<string, unknown>, credential: string) =>
    fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  const stored = async () => ({ inbox: await store.collection('chat:inbox').count(), sessions: (await store.sessions.list()).length });
  return { ...chat, store, url, post, principals, stored, channels };
}

describe('HTTP identity: the credential decides who speaks', () => {
  it('the shared token speaks only as http:shared: another user claim is 403 USER_MISMATCH with nothing stored', async () => {
    await using http = await startIdentityAgent();
    const claim = await http.post({ text: 'I am the boss', chatId: 'c', user: 'boss' }, TOKEN);
    expect(claim.status).toBe(403);
    expect(((await claim.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: 'USER_MISMATCH',
      message: expect.stringContaining('claims user "boss" but the shared token speaks only as "shared"'),
    });
    expect(await http.stored()).toEqual({ inbox: 0, sessions: 0 });
    expect(http.principals).toEqual([]);
    expect(http.model?.calls ?? []).toHaveLength(0);

    const plain = await http.post({ text: 'hi', chatId: 'c' }, TOKEN);
    expect(plain.status).toBe(200);
    const named = await http.post({ text: 'hi', chatId: 'c', user: { id: 'shared', displayName: 'Kiosk' } }, TOKEN);
    expect(named.status).toBe(200);
    expect(http.principals).toEqual([
      expect.objectContaining({ id: 'http:shared', authenticatedBy: 'shared-credential' }),
      expect.objectContaining({ id: 'http:shared', authenticatedBy: 'shared-credential', displayName: 'Kiosk' }),
    ]);
    expect(http.channels[0]?.sharedPrincipals).toEqual(['http:shared']);
  });

  it('a per-user token speaks as its user, refuses another claim, stores only a digest and stops at once when revoked', async () => {
    await using http = await startIdentityAgent();
    const { token, info } = await http.agent.invoke('chat/http-token-create', { user: 'alice', displayName: 'Alice' });
    expect(token).toMatch(/^dcu_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({ user: 'alice', principalId: 'http:alice', displayName: 'Alice', createdBy: 'agent' });

    expect((await http.post({ text: 'hi', chatId: 'a' }, token)).status).toBe(200);
    expect(http.principals.at(-1)).toMatchObject({ id: 'http:alice', displayName: 'Alice', authenticatedBy: 'user-credential' });
    const mismatch = await http.post({ text: 'as bob', chatId: 'a', user: 'bob' }, token);
    expect(mismatch.status).toBe(403);
    expect(((await mismatch.json()) as { error: { code: string } }).error.code).toBe('USER_MISMATCH');
    expect(http.principals).toHaveLength(1);

    const records = await http.store.collection('chat:channel:http:user-tokens').list();
    expect(JSON.stringify(records)).not.toContain(token.slice(-43));
    expect((await http.agent.invoke('chat/http-token-list', {})).tokens).toEqual([info]);
    await expect(http.agent.invoke('chat/http-token-verify', { token })).resolves.toEqual({ token: info });
    await expect(http.agent.invoke('chat/http-token-verify', { token }, { principal: { id: 'http:alice' } })).rejects.toMatchObject({ code: 'DENIED' });

    await expect(http.agent.invoke('chat/http-token-revoke', { id: info.id })).resolves.toEqual({ revoked: true, token: info });
    await expect(http.agent.invoke('chat/http-token-verify', { token })).resolves.toEqual({});
    const revoked = await http.post({ text: 'still there?', chatId: 'a' }, token);
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { message: string } }).error.message).toMatch(/Unknown or revoked token/);
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await http.post({ text: 'x', chatId: 'a' }, forged)).status).toBe(401);
    await expect(http.agent.invoke('chat/http-token-verify', { token: forged })).resolves.toEqual({});
    expect(http.principals).toHaveLength(1);
  });

  it('accepts a signed user assertion and refuses expired, forged, unsigned, tampered and overlong ones with 401', async () => {
    await using http = await startIdentityAgent();
    const good = await signUserAssertion({ secret: SECRET, user: 'carol', displayName: 'Carol' });
    expect((await http.post({ text: 'hi', chatId: 'c', user: 'carol' }, good)).status).toBe(200);
    expect(http.principals.at(-1)).toMatchObject({ id: 'http:carol', displayName: 'Carol', authenticatedBy: 'user-credential' });
    expect((await http.post({ text: 'hi', chatId: 'c', user: 'dave' }, good)).status).toBe(403);

    const [header, payload, signature] = good.split('.') as [string, string, string];
    const tamperedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'owner' })).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'owner', exp: now() + 60 })).toString('base64url')}.`;
    const refused: [string, string, RegExp][] = [
      ['expired', await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('carol').setIssuedAt(now() - 600).setExpirationTime(now() - 300).sign(key), /expired/],
      ['wrong secret', await signUserAssertion({ secret: 'another-secret-of-the-same-length-0123456789ab', user: 'carol' }), /signature does not verify/],
      ['alg none', none, /HS256/],
      ['tampered', `${header}.${tamperedPayload}.${signature}`, /signature does not verify/],
      ['no exp', await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('carol').sign(key), /"exp" claim/],
      ['no sub', await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1m').sign(key), /"sub" claim/],
      ['lives a day', await signUserAssertion({ secret: SECRET, user: 'carol', expiresInSeconds: 86_400 }), /lives longer than 300 s/],
      ['the shared user', await signUserAssertion({ secret: SECRET, user: 'shared' }), /reserved for the shared token/],
    ];
    for (const [what, assertion, reason] of refused) {
      const response = await http.post({ text: 'hi', chatId: 'c' }, assertion);
      expect({ what, status: response.status }).toEqual({ what, status: 401 });
      expect({ what, body: await response.json() }).toEqual({ what, body: { error: { code: 'UNAUTHORIZED', message: expect.stringMatching(reason) } } });
    }
    expect(http.principals).toHaveLength(1);
  });

  it('works without a shared token (per-user tokens only), and refuses assertions when they are not configured', async () => {
    await using http = await startIdentityAgent({});
    const assertion = await signUserAssertion({ secret: SECRET, user: 'erin' });
    const refused = await http.post({ text: 'hi', chatId: 'e' }, assertion);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/assertions are not enabled/);
    const { token } = await http.agent.invoke('chat/http-token-create', { user: 'erin' });
    expect((await http.post({ text: 'hi', chatId: 'e' }, token)).status).toBe(200);
    expect(http.principals.map((principal) => principal.id)).toEqual(['http:erin']);
  });

  it('manages tokens for the operator only, and never for the shared user', async () => {
    await using http = await startIdentityAgent();
    const onBehalf = await http.agent.invoke('chat/http-token-create', { user: 'mallory' }, { principal: { id: 'http:mallory' } }).catch((error: unknown) => error);
    expect(DowncityError.is(onBehalf, 'DENIED')).toBe(true);
    const shared = await http.agent.invoke('chat/http-token-create', { user: 'shared' }).catch((error: unknown) => error);
    expect(DowncityError.is(shared, 'INPUT_INVALID')).toBe(true);
    const spaced = await http.agent.invoke('chat/http-token-create', { user: 'a\nb' }).catch((error: unknown) => error);
    expect(DowncityError.is(spaced, 'ACTION_INVALID')).toBe(true);
  });

  it('explains an assertion secret that is too short, at start', async () => {
    const start = startIdentityAgent({ assertions: { secret: 'short' } });
    await expect(start).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/assertions\.secret.*at least 32 characters/s) });
  });
});
