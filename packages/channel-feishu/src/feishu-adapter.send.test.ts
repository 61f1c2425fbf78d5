import { describe, expect, it } from 'vitest';
import { resolveBaseUrl } from './config/feishu-config.js';
import { createHarness } from './testing/adapter-harness.js';

const sendPath = '/open-apis/im/v1/messages';

describe('Feishu replies', () => {
  it('replies through /messages/:message_id/reply and sends to a chat through /messages?receive_id_type=chat_id', async () => {
    await using harness = await createHarness();
    const reply = await harness.adapter.send({ chatId: 'oc_chat', replyToMessageId: 'om_question' }, { text: 'the answer' });
    const fresh = await harness.adapter.send({ chatId: 'oc_other' }, { text: 'a new message' });
    expect(harness.fake.sent).toMatchObject([
      { via: 'reply', target: 'om_question', msgType: 'text', content: { text: 'the answer' } },
      { via: 'create', target: 'oc_other', receiveIdType: 'chat_id', msgType: 'text', content: { text: 'a new message' } },
    ]);
    expect(reply.messageId).toBe('om_sent_1');
    expect(fresh.messageId).toBe('om_sent_2');
    expect(harness.fake.sent.every((message) => typeof message.uuid === 'string')).toBe(true);
    const tokenRequest = harness.fake.requests.find((request) => request.path.endsWith('/tenant_access_token/internal'));
    expect(tokenRequest?.body).toEqual({ app_id: harness.fake.appId, app_secret: harness.fake.appSecret });
  });

  it('sends a chunk repeated after a crash once: its uuid comes from the idempotency key, and Feishu drops the repeat', async () => {
    await using harness = await createHarness();
    const target = { chatId: 'oc_chat', replyToMessageId: 'om_question' };
    expect(harness.adapter.sendIsIdempotent()).toBe(true);
    const first = await harness.adapter.send(target, { text: 'the answer', idempotencyKey: 'feishu:app:om_question:0' });
    const again = await harness.adapter.send(target, { text: 'the answer', idempotencyKey: 'feishu:app:om_question:0' });
    const other = await harness.adapter.send(target, { text: 'more', idempotencyKey: 'feishu:app:om_question:1' });
    expect(harness.fake.sent.map((message) => message.content.text)).toEqual(['the answer', 'more']);
    expect(again.messageId).toBe(first.messageId);
    expect(other.messageId).not.toBe(first.messageId);
  });

  it('splits a reply longer than maxTextLength into several messages', async () => {
    await using harness = await createHarness({ maxTextLength: 200 });
    const paragraphs = Array.from({ length: 12 }, (_, index) => `Paragraph ${index + 1}: ${'lorem ipsum '.repeat(6).trim()}.`);
    const long = paragraphs.join('\n\n');
    await harness.adapter.send({ chatId: 'oc_chat', replyToMessageId: 'om_q' }, { text: long });
    const texts = harness.fake.sent.map((message) => message.content.text ?? '');
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.every((text) => text.length <= 200)).toBe(true);
    expect(texts.join(' ').replace(/\s+/g, ' ')).toBe(long.replace(/\s+/g, ' '));
    expect(harness.fake.sent.every((message) => message.via === 'reply' && message.target === 'om_q')).toBe(true);
  });

  it('retries a rate-limited send after the delay the platform gave (HTTP 429 and HTTP 400 + 99991400)', async () => {
    await using harness = await createHarness();
    await harness.adapter.send({ chatId: 'oc_chat' }, { text: 'warm up' });
    harness.fake.rateLimit(sendPath, 1, 1, 429);
    await harness.adapter.send({ chatId: 'oc_chat' }, { text: 'limited' });
    harness.fake.rateLimit(sendPath, 1, 1, 400);
    await harness.adapter.send({ chatId: 'oc_chat' }, { text: 'limited again' });
    const attempts = harness.fake.requests.filter((request) => request.path === sendPath);
    expect(attempts).toHaveLength(5);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(950);
    expect(attempts[4]!.at - attempts[3]!.at).toBeGreaterThanOrEqual(950);
    expect(harness.fake.sent.map((message) => message.content.text)).toEqual(['warm up', 'limited', 'limited again']);
    expect(harness.lines.some((line) => line.includes('retrying after the delay it gave'))).toBe(true);
  });

  it('gives up at once when the reset is longer than maxRetryDelaySeconds, and after rateLimitRetries', async () => {
    await using harness = await createHarness({ maxRetryDelaySeconds: 5, rateLimitRetries: 1 });
    harness.fake.rateLimit(sendPath, 1, 3_600);
    await expect(harness.adapter.send({ chatId: 'oc_chat' }, { text: 'x' })).rejects.toThrow(/99991400/);
    harness.fake.rateLimit(sendPath, 2, 0);
    await expect(harness.adapter.send({ chatId: 'oc_chat' }, { text: 'y' })).rejects.toThrow(/HTTP 429/);
    expect(harness.fake.sent).toHaveLength(0);
  });

  it('fetches a new tenant access token when the cached one expires', async () => {
    // The SDK caches a token until 3 minutes before `expire`; 182 s leaves two seconds.
    await using harness = await createHarness({}, { tokenExpireSeconds: 182 });
    await harness.adapter.send({ chatId: 'oc_chat' }, { text: 'first' });
    await harness.adapter.send({ chatId: 'oc_chat' }, { text: 'second, same token' });
    expect(harness.fake.issuedTokens).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await harness.adapter.send({ chatId: 'oc_chat' }, { text: 'third, new token' });
    expect(harness.fake.issuedTokens).toHaveLength(2);
    const sends = harness.fake.requests.filter((request) => request.path === sendPath);
    expect(sends.map((request) => request.authorization)).toEqual([
      `Bearer ${harness.fake.issuedTokens[0]}`,
      `Bearer ${harness.fake.issuedTokens[0]}`,
      `Bearer ${harness.fake.issuedTokens[1]}`,
    ]);
  });

  it('drops a token the platform calls invalid (99991663) and retries once with a fresh one', async () => {
    await using harness = await createHarness();
    await harness.adapter.send({ chatId: 'oc_chat' }, { text: 'before' });
    harness.fake.revokeTokens();
    await harness.adapter.send({ chatId: 'oc_chat' }, { text: 'after revocation' });
    expect(harness.fake.issuedTokens).toHaveLength(2);
    expect(harness.fake.sent.map((message) => message.content.text)).toEqual(['before', 'after revocation']);
  });

  it('turns a wrong App Secret or a persistent 401 into an error naming the setting, without the secret', async () => {
    await using wrong = await createHarness({ appSecret: 'this-is-the-wrong-secret' });
    const failure = await wrong.adapter.send({ chatId: 'oc_chat' }, { text: 'x' }).then(
      () => undefined,
      (error: unknown) => error as Error & { code: string },
    );
    expect(failure).toMatchObject({ name: 'DowncityError', code: 'CONFIG_INVALID' });
    expect(failure?.message).toContain('services.chat.channels.feishu.appSecret');
    expect(failure?.message).toContain('10014');
    expect(failure?.message).not.toContain('this-is-the-wrong-secret');
    expect(wrong.lines.join('\n')).not.toContain('this-is-the-wrong-secret');

    await using denied = await createHarness();
    denied.fake.unauthorized(sendPath, 2);
    await expect(denied.adapter.send({ chatId: 'oc_chat' }, { text: 'x' })).rejects.toThrow(/services\.chat\.channels\.feishu\.appSecret/);
    expect(denied.fake.issuedTokens).toHaveLength(2);
  });

  it('keeps model output from pinging people with <at> tags', async () => {
    await using harness = await createHarness();
    await harness.adapter.send({ chatId: 'oc_chat' }, { text: 'hey <at user_id="all">everyone</at>' });
    expect(harness.fake.sent[0]?.content.text).toBe('hey <\u200bat user_id="all">everyone<\u200b/at>');
  });

  it('knows both Feishu and Lark domains', () => {
    expect(resolveBaseUrl('feishu')).toBe('https://open.feishu.cn');
    expect(resolveBaseUrl('lark')).toBe('https://open.larksuite.com');
    expect(resolveBaseUrl('https://proxy.example.com/')).toBe('https://proxy.example.com');
  });
});
