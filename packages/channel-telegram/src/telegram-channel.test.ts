import { createChatService } from '@downcity/chat';
import { createAgent, definePlugin, type Agent, type AgentOptions } from '@downcity/core';
import { createScriptedModel } from '@downcity/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from './testing/fake-telegram.js';
import { groupMessage, privateMessage, TEST_TOKEN } from './testing/telegram-fixtures.js';
import { telegramChannel } from './telegram-channel.js';

let fake: FakeTelegram | undefined;
let agent: Agent | undefined;

afterEach(async () => {
  await agent?.stop();
  await fake?.close();
  agent = undefined;
  fake = undefined;
});

async function startAgent(channel: Record<string, unknown> = {}, plugins: AgentOptions['plugins'] = []): Promise<FakeTelegram> {
  fake = await FakeTelegram.start({ token: TEST_TOKEN });
  agent = createAgent({
    logger: { level: 'silent' },
    plugins,
    model: createScriptedModel(),
    services: [createChatService({ channels: [telegramChannel] })],
    config: { services: { chat: { channels: { telegram: { token: TEST_TOKEN, apiRoot: fake.apiRoot, pollingTimeoutSeconds: 5, reconnectDelayMs: 20, ...channel } } } } },
  });
  await agent.start();
  return fake;
}

describe('telegram channel end to end (agent + chat service + fake Telegram)', () => {
  it('answers a private message through the model; the reply arrives at the fake', async () => {
    const fake = await startAgent();
    fake.pushUpdate(privateMessage({ text: 'hello <agent> & friends' }));
    await fake.waitFor(() => fake.sent.length === 1);
    expect(fake.sent[0]).toMatchObject({ method: 'sendMessage', chatId: '4242', text: 'echo: hello <agent> & friends' });
    expect(fake.callsOf('sendChatAction').length).toBeGreaterThanOrEqual(1);
  });

  it('answers the same message delivered twice exactly once', async () => {
    const fake = await startAgent();
    const update = privateMessage({ text: 'only once', message_id: 90 });
    fake.pushUpdate(update);
    fake.pushUpdate(update);
    await fake.waitFor(() => fake.sent.length >= 1 && fake.pendingUpdateIds().length === 0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.sent.map((sent) => sent.text)).toEqual(['echo: only once']);
  });

  it('in groups answers only when mentioned, quoting the message, with the mention stripped', async () => {
    const fake = await startAgent();
    fake.pushUpdate(groupMessage({ text: 'just chatting', message_id: 40 }));
    fake.pushUpdate(groupMessage({ text: '@downcity_test_bot what now?', message_id: 41, entities: [{ type: 'mention', offset: 0, length: 18 }] }));
    await fake.waitFor(() => fake.sent.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ chatId: '-1001234567890', text: 'echo: Alice Liddell: what now?', replyToMessageId: 41 });
  });

  it('hands a voice note to the chat inbound pipeline, which downloads the exact OGG bytes', async () => {
    const heard: Uint8Array[] = [];
    const asr = definePlugin({
      package: { name: 'test-asr', version: '1.0.0', downcity: { kind: 'plugin', id: 'asr', requires: { chat: '^0.1.0' }, attaches: { 'chat/inbound': { kind: 'pipeline' } } } },
      setup: () => ({
        handlers: {
          'chat/inbound': async (value) => {
            const voice = value.message.attachments.find((attachment) => attachment.kind === 'voice');
            if (!voice) return value;
            heard.push(await value.download(voice));
            return { ...value, message: { ...value.message, transcript: { text: 'turn on the lights', engine: 'test-asr', plausible: true } } };
          },
        },
      }),
    });
    const fake = await startAgent({}, [asr]);
    const bytes = new Uint8Array(Buffer.concat([Buffer.from('OggS'), Buffer.alloc(2000, 7)]));
    fake.addFile({ fileId: 'voice-e2e', filePath: 'voice/file_9.oga', bytes });
    fake.pushUpdate(privateMessage({ message_id: 60, voice: { file_id: 'voice-e2e', file_unique_id: 'v9', duration: 2, mime_type: 'audio/ogg', file_size: bytes.length } }));
    await fake.waitFor(() => fake.sent.length === 1);
    expect(heard).toHaveLength(1);
    expect(Buffer.from(heard[0]!).equals(Buffer.from(bytes))).toBe(true);
    expect(fake.sent[0]?.text).toContain('turn on the lights');
  });

  it('reports the adapter in chat/channels without secrets', async () => {
    await startAgent();
    const listing = await agent!.invoke('chat/channels', {});
    expect(JSON.stringify(listing)).not.toContain(TEST_TOKEN);
    expect(JSON.stringify(listing)).toContain('downcity_test_bot');
  });
});
