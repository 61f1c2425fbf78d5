import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './testing/adapter-harness.js';
import { messageEvent } from './testing/message-events.js';

async function connected(): Promise<Harness> {
  const harness = await createHarness({ mode: 'websocket' });
  await harness.adapter.connect(harness.sink);
  return harness;
}

const text = (value: string, extra: Partial<Parameters<typeof messageEvent>[0]> = {}) => messageEvent({ messageType: 'text', content: { text: value }, ...extra });

describe('Feishu long connection', () => {
  it('connects through /callback/ws/endpoint and acknowledges an event only after it is stored', async () => {
    await using harness = await connected();
    expect(harness.fake.longConnection.connected).toBe(true);
    expect(harness.fake.requests.map((request) => request.path)).toContain('/callback/ws/endpoint');
    harness.sink.delayMs = 100;
    const pushedAt = performance.now();
    const ack = await harness.fake.longConnection.push(text('hi over ws', { messageId: 'om_ws_1' }));
    expect(ack.code).toBe(200);
    expect(harness.sink.messages.map((message) => message.messageId)).toEqual(['om_ws_1']);
    expect(harness.sink.resolvedAt[0]).toBeGreaterThanOrEqual(pushedAt + 90);
    expect(harness.sink.messages[0]).toMatchObject({ channel: 'feishu', text: 'hi over ws', chat: { type: 'direct' } });
    // The client pings as soon as it is connected and accepts the pong (control frames).
    expect(harness.fake.longConnection.pings).toBeGreaterThanOrEqual(1);
  });

  it('reassembles an event split into fragments', async () => {
    await using harness = await connected();
    const ack = await harness.fake.longConnection.push(text('in three pieces', { messageId: 'om_fragments' }), { fragments: 3 });
    expect(ack.code).toBe(200);
    expect(harness.sink.messages[0]?.text).toBe('in three pieces');
  });

  it('hands a voice message over as a voice attachment whose download returns the exact bytes', async () => {
    await using harness = await connected();
    const bytes = Uint8Array.from({ length: 4_096 }, (_, index) => (index * 7) % 256);
    harness.fake.addResource('om_voice', 'file_v3_voice', bytes, 'file', 'audio/ogg');
    await harness.fake.longConnection.push(
      messageEvent({ messageType: 'audio', content: { file_key: 'file_v3_voice', duration: 2_500 }, messageId: 'om_voice' }),
    );
    const [message] = await harness.waitForMessages(1);
    expect(message?.attachments).toEqual([
      { kind: 'voice', id: 'om_voice/file_v3_voice', mimeType: 'audio/opus', fileName: 'file_v3_voice.opus', durationSeconds: 2.5 },
    ]);
    const downloaded = await harness.adapter.download(message!.attachments[0]!);
    expect(downloaded).toEqual(bytes);
    const download = harness.fake.requests.find((request) => request.path.includes('/resources/'));
    expect(download).toMatchObject({ path: '/open-apis/im/v1/messages/om_voice/resources/file_v3_voice', query: { type: 'file' } });
    expect(download?.authorization).toMatch(/^Bearer t-/);
  });

  it('answers 500 when storing fails and delivers the redelivery; skips a duplicate event', async () => {
    await using harness = await connected();
    harness.sink.failNext = 1;
    const event = text('flaky store', { eventId: 'ev-ws-retry' });
    expect((await harness.fake.longConnection.push(event)).code).toBe(500);
    expect(harness.sink.messages).toHaveLength(0);
    expect((await harness.fake.longConnection.push(event)).code).toBe(200);
    expect((await harness.fake.longConnection.push(event)).code).toBe(200);
    expect(harness.sink.messages).toHaveLength(1);
  });

  it('reconnects after the connection drops and does not deliver a replayed event twice', async () => {
    await using harness = await connected();
    const event = text('before the drop', { eventId: 'ev-replay' });
    await harness.fake.longConnection.push(event);
    harness.fake.longConnection.dropConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await harness.fake.longConnection.waitForConnection();
    expect(harness.fake.longConnection.connections).toBe(2);
    expect((await harness.fake.longConnection.push(event)).code).toBe(200);
    await harness.fake.longConnection.push(text('after the drop'));
    expect(harness.sink.messages.map((message) => message.text)).toEqual(['before the drop', 'after the drop']);
  });

  it('survives garbage frames and malformed events', async () => {
    await using harness = await connected();
    harness.fake.longConnection.sendRaw(new Uint8Array([0xff, 0xff, 0xff]));
    expect((await harness.fake.longConnection.push('{"schema":"2.0","header":{"event_type":"im.message.receive_v1"},"event":{}}')).code).toBe(200);
    expect((await harness.fake.longConnection.push({ schema: '2.0', header: { event_id: 'x', event_type: 'contact.user.created_v3' }, event: {} })).code).toBe(200);
    expect((await harness.fake.longConnection.push(text('fine'))).code).toBe(200);
    expect(harness.sink.messages.map((message) => message.text)).toEqual(['fine']);
  });

  it('refuses a wrong App Secret at connect with an error naming the setting, never the secret', async () => {
    await using harness = await createHarness({ mode: 'websocket', appSecret: 'wrong-secret-value' });
    const failure = await harness.adapter.connect(harness.sink).then(
      () => undefined,
      (error: unknown) => error as Error & { code?: string },
    );
    expect(failure?.code).toBe('CONFIG_INVALID');
    expect(failure?.message).toContain('services.chat.channels.feishu.appSecret');
    expect(failure?.message).not.toContain('wrong-secret-value');
    expect(harness.lines.join('\n')).not.toContain('wrong-secret-value');
    expect(harness.fake.longConnection.connections).toBe(0);
  });
});
