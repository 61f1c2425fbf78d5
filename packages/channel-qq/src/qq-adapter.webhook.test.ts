import { openResources, resourcesLeftOpen } from '@downcity/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QqChannelAdapter } from './qq-adapter.js';
import { c2cMessage, dispatch, groupMessage, guildAtMessage } from './testing/events.js';
import { startFakeQq, type FakeQq } from './testing/fake-qq.js';
import { APP_ID, APP_SECRET, adapterFor, captureLogger, configFor, createMemorySink, delay, type MemorySink } from './testing/test-kit.js';

describe('QQ adapter, webhook mode', () => {
  let fake: FakeQq;
  let adapter: QqChannelAdapter;
  let sink: MemorySink;
  let lines: string[];
  let url: string;
  let resourcesBefore: Record<string, number>;

  beforeEach(async () => {
    resourcesBefore = openResources();
    fake = await startFakeQq({ appId: APP_ID, appSecret: APP_SECRET });
    const captured = captureLogger();
    lines = captured.lines;
    adapter = adapterFor(configFor(fake, { mode: 'webhook' }), captured.logger);
    sink = createMemorySink();
    await adapter.connect(sink);
    url = adapter.webhookUrl as string;
  });

  afterEach(async () => {
    await adapter.disconnect();
    await fake.close();
    expect(await resourcesLeftOpen(resourcesBefore)).toEqual({});
    expect(lines.join('\n')).not.toContain(APP_SECRET);
    for (const token of fake.issuedTokens) expect(lines.join('\n')).not.toContain(token);
  });

  it('answers the callback-address validation with the documented signature', async () => {
    const answer = await fake.postCallback(url, { d: { plain_token: 'Arq0D5A61EgUu4OxUvOp', event_ts: '1725442341' }, op: 13 }, 'missing');
    expect(answer).toEqual({
      status: 200,
      body: {
        plain_token: 'Arq0D5A61EgUu4OxUvOp',
        signature: '87befc99c42c651b3aac0278e71ada338433ae26fcb24307bdc5ad38c1adc2d01bcfcadc0842edac85e85205028a1132afe09280305f13aa6909ffc2d652c706',
      },
    });
  });

  it('refuses validation requests that would make it sign arbitrary text', async () => {
    const answer = await fake.postCallback(url, { op: 13, d: { plain_token: '{"op":0,"d":{}}', event_ts: '1725442341' } }, 'missing');
    expect(answer.status).toBe(400);
    const forged = await fake.postCallback(url, { op: 13, d: { plain_token: 'abc', event_ts: '1' } }, 'forged');
    expect(forged.status).toBe(401);
  });

  it('delivers a C2C text message with normalized fields and sends a passive reply', async () => {
    const event = c2cMessage('你好 bot');
    const answer = await fake.postCallback(url, dispatch('C2C_MESSAGE_CREATE', event));
    expect(answer).toEqual({ status: 200, body: { op: 12, d: 0 } });
    expect(sink.messages).toHaveLength(1);
    const message = sink.messages[0]!;
    expect(message).toMatchObject({
      channel: 'qq',
      account: APP_ID,
      messageId: event.id,
      chat: { id: 'c2c:E4F4AEA33253A2797FB897C50B81D7ED', type: 'direct' },
      sender: { id: 'E4F4AEA33253A2797FB897C50B81D7ED' },
      text: '你好 bot',
      attachments: [],
      mentions: { self: false, userIds: [] },
      sentAt: Date.parse('2023-11-06T13:37:18+08:00'),
      extra: { scene: 'c2c', msgId: event.id },
    });

    const sent = await adapter.send({ chatId: message.chat.id, replyToMessageId: message.messageId, extra: message.extra! }, { text: 'hello back', part: { index: 0, count: 1 } });
    expect(sent.messageId).toBe('fake-msg-1');
    const [call] = fake.sends;
    expect(call!.path).toBe('/v2/users/E4F4AEA33253A2797FB897C50B81D7ED/messages');
    expect(call!.headers.authorization).toBe('QQBot fake-access-token-1');
    expect(call!.body).toEqual({ content: 'hello back', msg_type: 0, msg_id: event.id, msg_seq: 1 });
  });

  it('delivers a group @-message and replies to the group', async () => {
    const event = groupMessage('天气怎么样');
    await fake.postCallback(url, dispatch('GROUP_AT_MESSAGE_CREATE', event));
    const message = sink.messages[0]!;
    expect(message).toMatchObject({
      chat: { id: 'group:C9F778FE6ADF9D1D1DBE395BF744A33A', type: 'group' },
      sender: { id: 'E4F4AEA33253A2797FB897C50B81D7ED' },
      text: '天气怎么样',
      mentions: { self: true },
    });
    await adapter.send({ chatId: message.chat.id, extra: message.extra! }, { text: 'sunny' });
    expect(fake.sends[0]).toMatchObject({ path: '/v2/groups/C9F778FE6ADF9D1D1DBE395BF744A33A/messages', body: { content: 'sunny', msg_type: 0, msg_id: event.id, msg_seq: 1 } });
  });

  it('delivers a guild @-message without the mention and escapes embedded formats in the reply', async () => {
    const event = guildAtMessage('a &lt;b&gt; c');
    await fake.postCallback(url, dispatch('AT_MESSAGE_CREATE', event));
    const message = sink.messages[0]!;
    expect(message).toMatchObject({
      chat: { id: 'channel:100010', type: 'group' },
      sender: { id: '1234', displayName: 'abc', isBot: false },
      text: 'a <b> c',
      mentions: { self: true, userIds: [] },
      extra: { scene: 'channel', guildId: '18700000000001', channelId: '100010' },
    });
    await adapter.send({ chatId: message.chat.id, replyToMessageId: message.messageId }, { text: 'hi <@!42> & @everyone' });
    expect(fake.sends[0]).toMatchObject({ path: '/channels/100010/messages', body: { content: 'hi &lt;@!42&gt; &amp; @\u200beveryone', msg_id: event.id } });
    expect((fake.sends[0]!.body as Record<string, unknown>).msg_seq).toBeUndefined();
  });

  it('rejects forged and missing signatures with 401 and delivers nothing', async () => {
    const payload = dispatch('C2C_MESSAGE_CREATE', c2cMessage('let me in'));
    expect((await fake.postCallback(url, payload, 'forged')).status).toBe(401);
    expect((await fake.postCallback(url, payload, 'missing')).status).toBe(401);
    expect(sink.deliveries).toHaveLength(0);
    expect(lines.join('\n')).toContain('bad signature');
  });

  it('acknowledges only after the sink stored the message, and asks for redelivery when storing fails', async () => {
    const release = sink.hold();
    let answered = false;
    const pending = fake.postCallback(url, dispatch('C2C_MESSAGE_CREATE', c2cMessage('slow store'))).then((answer) => {
      answered = true;
      return answer;
    });
    await delay(100);
    expect(sink.deliveries).toHaveLength(1);
    expect(answered).toBe(false);
    release();
    expect(await pending).toEqual({ status: 200, body: { op: 12, d: 0 } });

    sink.failNext();
    const event = dispatch('C2C_MESSAGE_CREATE', c2cMessage('store down'));
    expect(await fake.postCallback(url, event)).toEqual({ status: 503, body: { op: 12, d: 1 } });
    expect(await fake.postCallback(url, event)).toEqual({ status: 200, body: { op: 12, d: 0 } });
    expect(sink.messages.map((message) => message.text)).toEqual(['slow store', 'store down']);
  });

  it('passes the same messageId when QQ delivers an event twice (the chat service deduplicates)', async () => {
    const payload = dispatch('C2C_MESSAGE_CREATE', c2cMessage('once'));
    await fake.postCallback(url, payload);
    await fake.postCallback(url, payload);
    expect(sink.deliveries.map((message) => message.messageId)).toEqual([sink.deliveries[0]!.messageId, sink.deliveries[0]!.messageId]);
    expect(sink.messages).toHaveLength(1);
  });

  it('skips malformed and unknown events and keeps working', async () => {
    expect((await fake.postCallback(url, undefined, 'valid', '{not json')).status).toBe(400);
    expect(await fake.postCallback(url, dispatch('C2C_MESSAGE_CREATE', { content: 'no id or author' }))).toEqual({ status: 200, body: { op: 12, d: 0 } });
    expect(await fake.postCallback(url, dispatch('FRIEND_ADD', { openid: 'x', timestamp: 1 }))).toEqual({ status: 200, body: { op: 12, d: 0 } });
    expect(await fake.postCallback(url, { op: 99 })).toEqual({ status: 200, body: { op: 12, d: 0 } });
    expect(sink.deliveries).toHaveLength(0);
    await fake.postCallback(url, dispatch('C2C_MESSAGE_CREATE', c2cMessage('still here')));
    expect(sink.messages.map((message) => message.text)).toEqual(['still here']);
    expect(lines.join('\n')).toContain('QQ event skipped');
  });

  it('hands voice notes over as attachments whose download returns the served bytes', async () => {
    const bytes = new Uint8Array(4096).map((_, index) => (index * 7) % 256);
    bytes.set([0x02, 0x23, 0x21, 0x53, 0x49, 0x4c, 0x4b]); // "\x02#!SILK"
    const fileUrl = fake.serveFile('voice.silk', bytes, 'application/octet-stream');
    await fake.postCallback(
      url,
      dispatch('C2C_MESSAGE_CREATE', c2cMessage('', { attachments: [{ content_type: 'voice', filename: 'E5F7.silk', size: bytes.length, url: fileUrl }] })),
    );
    const [attachment] = sink.messages[0]!.attachments;
    expect(attachment).toEqual({ kind: 'voice', id: fileUrl, mimeType: 'audio/silk', fileName: 'E5F7.silk', size: 4096 });
    expect(await adapter.download!(attachment!)).toEqual(bytes);
  });

  it('prefers the WAV copy QQ attaches to voice notes', async () => {
    const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4]);
    const wavUrl = fake.serveFile('voice.wav', wav, 'audio/wav');
    await fake.postCallback(
      url,
      dispatch('GROUP_AT_MESSAGE_CREATE', { ...groupMessage(''), attachments: [{ content_type: 'voice', filename: 'a.amr', url: fake.serveFile('a.amr', new Uint8Array([1]), 'audio/amr'), voice_wav_url: wavUrl }] }),
    );
    const [attachment] = sink.messages[0]!.attachments;
    expect(attachment).toMatchObject({ kind: 'voice', id: wavUrl, mimeType: 'audio/wav' });
    expect(await adapter.download!(attachment!)).toEqual(wav);
  });
});
