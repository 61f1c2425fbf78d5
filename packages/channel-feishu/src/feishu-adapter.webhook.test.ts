import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './testing/adapter-harness.js';
import { messageEvent } from './testing/message-events.js';

const encryptKey = 'test-encrypt-key';
const verificationToken = 'test-verification-token';

async function webhookHarness(security: { encryptKey?: string; verificationToken?: string } = { encryptKey, verificationToken }): Promise<Harness & { url: string }> {
  const harness = await createHarness({ mode: 'webhook', webhook: { host: '127.0.0.1', port: 0 }, ...security });
  await harness.adapter.connect(harness.sink);
  return Object.assign(harness, { url: `http://127.0.0.1:${harness.adapter.webhookPort}/feishu/events` });
}

const text = (value: string, extra: Partial<Parameters<typeof messageEvent>[0]> = {}) =>
  messageEvent({ messageType: 'text', content: { text: value }, token: verificationToken, ...extra });

describe('Feishu HTTP callback', () => {
  it('answers the url_verification challenge, plain and encrypted', async () => {
    await using plain = await webhookHarness({ verificationToken });
    const challenge = { challenge: 'c-123', token: verificationToken, type: 'url_verification' };
    const answer = await plain.fake.postCallback(plain.url, challenge);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ challenge: 'c-123' });
    expect((await plain.fake.postCallback(plain.url, { ...challenge, token: 'wrong' })).status).toBe(401);

    await using encrypted = await webhookHarness();
    const encryptedAnswer = await encrypted.fake.postCallback(encrypted.url, challenge, { encryptKey, signature: 'none' });
    expect(JSON.parse(encryptedAnswer.body)).toEqual({ challenge: 'c-123' });
  });

  it('delivers a text message with normalized fields and answers 200 only after it is stored', async () => {
    await using harness = await webhookHarness();
    harness.sink.delayMs = 150;
    const event = text('hello bot', { messageId: 'om_text_1', chatId: 'oc_direct', senderOpenId: 'ou_alice' });
    const answer = await harness.fake.postCallback(harness.url, event, { encryptKey });
    const answeredAt = performance.now();
    expect(answer.status).toBe(200);
    expect(harness.sink.messages).toHaveLength(1);
    expect(harness.sink.resolvedAt[0]).toBeLessThanOrEqual(answeredAt);
    const [message] = harness.sink.messages;
    expect(message).toMatchObject({
      channel: 'feishu',
      account: harness.fake.appId,
      messageId: 'om_text_1',
      chat: { id: 'oc_direct', type: 'direct' },
      sender: { id: 'ou_alice', isBot: false },
      text: 'hello bot',
      attachments: [],
      mentions: { self: false, userIds: [] },
    });
    expect(message?.extra).toMatchObject({ messageType: 'text', chatType: 'p2p' });
  });

  it('refuses forged, missing and stale signatures, wrong tokens and plaintext, delivering nothing', async () => {
    await using harness = await webhookHarness();
    const event = text('forged');
    expect((await harness.fake.postCallback(harness.url, event, { encryptKey, signature: 'forged' })).status).toBe(401);
    expect((await harness.fake.postCallback(harness.url, event, { encryptKey, signature: 'none' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1_000) - 3_600;
    expect((await harness.fake.postCallback(harness.url, event, { encryptKey, timestamp: stale })).status).toBe(401);
    expect((await harness.fake.postCallback(harness.url, event)).status).toBe(401);
    expect((await harness.fake.postCallback(harness.url, event, { encryptKey: 'another-key' })).status).toBe(401);
    expect((await harness.fake.postCallback(harness.url, text('bad token', { token: 'wrong' }), { encryptKey })).status).toBe(401);
    expect(harness.sink.messages).toHaveLength(0);

    await using tokenOnly = await webhookHarness({ verificationToken });
    expect((await tokenOnly.fake.postCallback(tokenOnly.url, text('x', { token: 'wrong' }))).status).toBe(401);
    expect((await tokenOnly.fake.postCallback(tokenOnly.url, text('x'))).status).toBe(200);
    expect(tokenOnly.sink.messages).toHaveLength(1);
  });

  it('delivers the same event once, and passes the same messageId for a redelivered message', async () => {
    await using harness = await webhookHarness();
    const event = text('once', { eventId: 'ev-dup', messageId: 'om_dup' });
    expect((await harness.fake.postCallback(harness.url, event, { encryptKey })).status).toBe(200);
    expect((await harness.fake.postCallback(harness.url, event, { encryptKey })).status).toBe(200);
    expect(harness.sink.messages).toHaveLength(1);
    // A new event_id for the same message (e.g. after the recent-ids window) keeps the message id,
    // which is what the chat service deduplicates on durably.
    await harness.fake.postCallback(harness.url, text('once', { eventId: 'ev-dup-2', messageId: 'om_dup' }), { encryptKey });
    expect(harness.sink.messages.map((message) => message.messageId)).toEqual(['om_dup', 'om_dup']);
  });

  it('answers 500 when storing fails, so the redelivery is delivered', async () => {
    await using harness = await webhookHarness();
    harness.sink.failNext = 1;
    const event = text('retry me', { eventId: 'ev-retry' });
    expect((await harness.fake.postCallback(harness.url, event, { encryptKey })).status).toBe(500);
    expect(harness.sink.messages).toHaveLength(0);
    expect((await harness.fake.postCallback(harness.url, event, { encryptKey })).status).toBe(200);
    expect(harness.sink.messages).toHaveLength(1);
  });

  it('logs and skips malformed and unknown events, and keeps working', async () => {
    await using harness = await webhookHarness();
    expect((await harness.fake.postCallback(harness.url, {}, { rawBody: 'not json{' })).status).toBe(400);
    const broken = text('x');
    (broken.event as { message: Record<string, unknown> }).message = { content: 42 };
    expect((await harness.fake.postCallback(harness.url, broken, { encryptKey })).status).toBe(200);
    const unknown = { schema: '2.0', header: { event_id: 'ev-u', event_type: 'im.chat.updated_v1', token: verificationToken }, event: {} };
    expect((await harness.fake.postCallback(harness.url, unknown, { encryptKey })).status).toBe(200);
    expect((await harness.fake.postCallback(harness.url, { schema: '2.0', header: { token: verificationToken } }, { encryptKey })).status).toBe(200);
    const badContent = messageEvent({ messageType: 'text', content: {}, token: verificationToken });
    (badContent.event as { message: { content: string } }).message.content = '{not json';
    expect((await harness.fake.postCallback(harness.url, badContent, { encryptKey })).status).toBe(200);
    expect(harness.sink.messages).toHaveLength(0);
    expect(harness.lines.some((line) => line.includes('Malformed Feishu'))).toBe(true);
    expect((await harness.fake.postCallback(harness.url, text('still here'), { encryptKey })).status).toBe(200);
    expect(harness.sink.messages.map((message) => message.text)).toEqual(['still here']);
  });

  it('gates group messages on an @mention of the bot and strips the placeholder', async () => {
    await using harness = await webhookHarness();
    const bot = { key: '@_user_1', openId: harness.fake.botOpenId, name: 'Fake Bot' };
    const bob = { key: '@_user_2', openId: 'ou_bob', name: 'Bob' };
    await harness.fake.postCallback(harness.url, text('@_user_2 chatting without the bot', { chatType: 'group', mentions: [bob] }), { encryptKey });
    expect(harness.sink.messages).toHaveLength(0);
    await harness.fake.postCallback(harness.url, text('@_user_1 ask @_user_2 please', { chatType: 'group', chatId: 'oc_group', mentions: [bot, bob] }), {
      encryptKey,
    });
    expect(harness.sink.messages).toHaveLength(1);
    expect(harness.sink.messages[0]).toMatchObject({
      chat: { id: 'oc_group', type: 'group' },
      text: 'ask @Bob please',
      mentions: { self: true, userIds: ['ou_bob'] },
    });
  });

  it('flattens rich text and exposes image and file attachments', async () => {
    await using harness = await webhookHarness();
    const bot = { key: '@_user_1', openId: harness.fake.botOpenId, name: 'Fake Bot' };
    const post = {
      title: 'Weekly report',
      content: [
        [{ tag: 'at', user_id: '@_user_1', user_name: 'Fake Bot' }, { tag: 'text', text: ' summarise ' }, { tag: 'a', text: 'this doc', href: 'https://example.com/doc' }],
        [{ tag: 'img', image_key: 'img_v3_post' }],
        [{ tag: 'text', text: 'thanks', style: ['bold'] }, { tag: 'emotion', emoji_type: 'SMILE' }],
      ],
    };
    await harness.fake.postCallback(harness.url, messageEvent({ messageType: 'post', content: post, messageId: 'om_post', chatType: 'group', mentions: [bot], token: verificationToken }), {
      encryptKey,
    });
    await harness.fake.postCallback(harness.url, messageEvent({ messageType: 'image', content: { image_key: 'img_v3_photo' }, messageId: 'om_image', token: verificationToken }), {
      encryptKey,
    });
    await harness.fake.postCallback(
      harness.url,
      messageEvent({ messageType: 'file', content: { file_key: 'file_v3_doc', file_name: 'report.pdf' }, messageId: 'om_file', token: verificationToken }),
      { encryptKey },
    );
    const [postMessage, image, file] = await harness.waitForMessages(3);
    expect(postMessage?.text).toBe('Weekly report\nsummarise this doc (https://example.com/doc)\nthanks:SMILE:');
    expect(postMessage?.attachments).toEqual([{ kind: 'image', id: 'om_post/img_v3_post' }]);
    expect(image?.attachments).toEqual([{ kind: 'image', id: 'om_image/img_v3_photo' }]);
    expect(file?.attachments).toEqual([{ kind: 'file', id: 'om_file/file_v3_doc', fileName: 'report.pdf' }]);
    const bytes = new Uint8Array([37, 80, 68, 70, 1, 2, 3]);
    harness.fake.addResource('om_file', 'file_v3_doc', bytes, 'file', 'application/pdf');
    expect(await harness.adapter.download(file!.attachments[0]!)).toEqual(bytes);
  });

  it('refuses oversized bodies and other paths', async () => {
    await using harness = await webhookHarness();
    const huge = await fetch(harness.url, { method: 'POST', body: 'x'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect((await fetch(`http://127.0.0.1:${harness.adapter.webhookPort}/other`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(harness.url)).status).toBe(405);
  });
});
