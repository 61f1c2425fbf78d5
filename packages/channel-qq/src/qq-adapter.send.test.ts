import { DowncityError } from '@downcity/core';
import { openResources, resourcesLeftOpen } from '@downcity/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QqChannelAdapter } from './qq-adapter.js';
import { startFakeQq, type FakeQq } from './testing/fake-qq.js';
import { APP_ID, APP_SECRET, adapterFor, captureLogger, configFor, delay } from './testing/test-kit.js';

const target = { chatId: 'c2c:E4F4AEA33253A2797FB897C50B81D7ED', replyToMessageId: 'ROBOT1.0_abc' };

describe('QQ adapter, sending', () => {
  let fake: FakeQq;
  let adapter: QqChannelAdapter | undefined;
  let lines: string[];
  let resourcesBefore: Record<string, number>;

  beforeEach(async () => {
    resourcesBefore = openResources();
    fake = await startFakeQq({ appId: APP_ID, appSecret: APP_SECRET, tokenLifetimeSeconds: 2 });
  });

  afterEach(async () => {
    await adapter?.disconnect();
    adapter = undefined;
    await fake.close();
    expect(await resourcesLeftOpen(resourcesBefore)).toEqual({});
    expect(lines.join('\n')).not.toContain(APP_SECRET);
  });

  function create(overrides: Parameters<typeof configFor>[1] = {}): QqChannelAdapter {
    const captured = captureLogger();
    lines = captured.lines;
    adapter = adapterFor(configFor(fake, overrides), captured.logger);
    return adapter;
  }

  it('splits a reply longer than the limit and numbers the chunks with msg_seq 1, 2, 3', async () => {
    const channel = create({ maxTextLength: 100 });
    const text = Array.from({ length: 25 }, (_, index) => `word${index} is here`).join(' ');
    expect(text.length).toBeGreaterThan(200);
    await channel.send(target, { text });
    const bodies = fake.sends.map((call) => call.body as { content: string; msg_seq: number; msg_id: string });
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    expect(bodies.map((body) => body.msg_seq)).toEqual(bodies.map((_, index) => index + 1));
    for (const body of bodies) {
      expect(body.content.length).toBeLessThanOrEqual(100);
      expect(body.msg_id).toBe('ROBOT1.0_abc');
    }
    expect(bodies.map((body) => body.content).join(' ')).toBe(text);
    expect(channel.capabilities.maxTextLength).toBe(100);
  });

  it('numbers the chat service’s chunks of one reply 1, 2 and a later reply 3', async () => {
    const channel = create();
    await channel.send(target, { text: 'part one', part: { index: 0, count: 2 } });
    await channel.send(target, { text: 'part two', part: { index: 1, count: 2 } });
    await channel.send(target, { text: 'another reply', part: { index: 0, count: 1 } });
    expect(fake.sends.map((call) => (call.body as { msg_seq: number }).msg_seq)).toEqual([1, 2, 3]);
  });

  it('does not show a chunk twice when a send is retried after QQ already took it', async () => {
    const channel = create();
    await channel.send(target, { text: 'hello', part: { index: 0, count: 1 } });
    // The chat service retries the same chunk (e.g. after a timeout): same msg_seq, QQ answers 40054005.
    const again = await channel.send(target, { text: 'hello', part: { index: 0, count: 1 } });
    expect(fake.sends.map((call) => (call.body as { msg_seq: number }).msg_seq)).toEqual([1, 1]);
    expect(again.messageId).toBe('ROBOT1.0_abc#1');
  });

  it('sends a chunk cut short by a crash again from another worker without showing it twice', async () => {
    expect(create().sendIsIdempotent?.(target)).toBe(true);
    await adapter?.send(target, { text: 'hello', part: { index: 0, count: 1 } });
    // A fresh adapter (another worker, empty msg_seq counters) sends the same chunk: same msg_seq, QQ drops it.
    const other = adapterFor(configFor(fake, {}), captureLogger().logger);
    const again = await other.send(target, { text: 'hello', part: { index: 0, count: 1 } });
    await other.disconnect();
    expect(fake.sends.map((call) => (call.body as { msg_seq: number }).msg_seq)).toEqual([1, 1]);
    expect(again.messageId).toBe('ROBOT1.0_abc#1');
    // Guild messages carry no msg_seq: a repeat would show twice, so they are not sent again.
    expect(adapter?.sendIsIdempotent?.({ chatId: 'channel:123', inboundMessageId: 'm1' })).toBe(false);
    expect(adapter?.sendIsIdempotent?.({ chatId: 'c2c:someone' })).toBe(false);
  });

  it('retries a 429 after the Retry-After delay QQ gave', async () => {
    const channel = create();
    fake.scriptSends({ status: 429, headers: { 'retry-after': '1' }, body: { code: 22009, message: 'msg limit exceed' } });
    const sent = await channel.send(target, { text: 'rate limited' });
    expect(sent.messageId).toBe('fake-msg-1');
    expect(fake.sends).toHaveLength(2);
    const waited = fake.sends[1]!.at - fake.sends[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(2500);
    expect(lines.join('\n')).toContain('"delayMs":1000');
  });

  it('retries the documented frequency-limit code without Retry-After after a 1 s backoff', async () => {
    const channel = create();
    fake.scriptSends({ status: 400, body: { code: 22009, message: 'msg limit exceed' } });
    await channel.send(target, { text: 'throttled' });
    const waited = fake.sends[1]!.at - fake.sends[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(2500);
  });

  it('gives up after maxRetries with an error that says what to change', async () => {
    const channel = create({ maxRetries: 1 });
    fake.scriptSends(
      { status: 429, headers: { 'retry-after': '0' }, body: { code: 22009, message: 'msg limit exceed' } },
      { status: 429, headers: { 'retry-after': '0' }, body: { code: 22009, message: 'msg limit exceed' } },
    );
    const error = await channel.send(target, { text: 'x' }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error)).toBe(true);
    expect((error as Error).message).toContain('services.chat.channels.qq.maxRetries');
    expect(fake.sends).toHaveLength(2);
  });

  it('turns a 401 into an error naming the appSecret setting, without the secret or token', async () => {
    const channel = create();
    fake.scriptSends(
      { status: 401, body: { code: 11244, message: 'token not exist or expire' } },
      { status: 401, body: { code: 11244, message: 'token not exist or expire' } },
    );
    const error = await channel.send(target, { text: 'x' }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error, 'CONFIG_INVALID')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('services.chat.channels.qq.appSecret');
    expect(message).not.toContain(APP_SECRET);
    for (const token of fake.issuedTokens) expect(message).not.toContain(token);
    // The first 401 dropped the token and a fresh one was fetched before the second try.
    expect(fake.issuedTokens).toHaveLength(2);
  });

  it('fails to connect with a wrong secret, naming the setting', async () => {
    const captured = captureLogger();
    lines = captured.lines;
    const config = configFor(fake, { appSecret: 'WrongSecret123456' });
    adapter = adapterFor(config, captured.logger);
    const error = await adapter.connect({ deliver: async () => ({ status: 'accepted' }) }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('services.chat.channels.qq.appSecret');
    expect((error as Error).message).toContain('100016');
    expect((error as Error).message).not.toContain('WrongSecret123456');
  });

  it('refreshes the access token before it expires', async () => {
    const channel = create();
    await channel.send(target, { text: 'first' });
    await delay(1100);
    await channel.send(target, { text: 'second' });
    expect(fake.issuedTokens).toEqual(['fake-access-token-1', 'fake-access-token-2']);
    expect(fake.sends.map((call) => call.headers.authorization)).toEqual(['QQBot fake-access-token-1', 'QQBot fake-access-token-2']);
    expect(fake.calls.filter((call) => call.path === '/app/getAppAccessToken').map((call) => call.body)).toEqual([
      { appId: APP_ID, clientSecret: APP_SECRET },
      { appId: APP_ID, clientSecret: APP_SECRET },
    ]);
  });

  it('shares one token request between concurrent sends', async () => {
    const channel = create();
    await Promise.all([channel.send(target, { text: 'a', part: { index: 0, count: 3 } }), channel.send(target, { text: 'b', part: { index: 1, count: 3 } }), channel.send(target, { text: 'c', part: { index: 2, count: 3 } })]);
    expect(fake.issuedTokens).toHaveLength(1);
  });

  it('sends to guild direct-message sessions and refuses unknown chat ids', async () => {
    const channel = create();
    await channel.send({ chatId: 'dm:18700000000001', replyToMessageId: 'm1' }, { text: 'dm reply' });
    expect(fake.sends[0]).toMatchObject({ path: '/dms/18700000000001/messages', body: { content: 'dm reply', msg_id: 'm1' } });
    await expect(channel.send({ chatId: '12345' }, { text: 'x' })).rejects.toThrow(/not a QQ chat id/);
  });
});

describe('QQ adapter, stopping while a retry waits', () => {
  it('stops waiting and leaves no timer behind when disconnected', async () => {
    const before = openResources();
    const fake = await startFakeQq({ appId: APP_ID, appSecret: APP_SECRET });
    const channel = adapterFor(configFor(fake), captureLogger().logger);
    await channel.connect({ deliver: async () => ({ status: 'accepted' }) });
    fake.scriptSends({ status: 429, headers: { 'retry-after': '30' }, body: { code: 22009, message: 'msg limit exceed' } });
    const sending = channel.send(target, { text: 'x' }).catch((caught: unknown) => caught);
    await fake.waitForSends(1);
    await delay(20);
    await channel.disconnect();
    const error = await sending;
    expect(DowncityError.is(error, 'ABORTED')).toBe(true);
    await fake.close();
    expect(await resourcesLeftOpen(before)).toEqual({});
  });
});
