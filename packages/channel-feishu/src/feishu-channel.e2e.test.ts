import { createChatService } from '@downcity/chat';
import { createAgent } from '@downcity/core';
import { createScriptedModel } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { feishuChannel } from './feishu-channel.js';
import { startFakeFeishu, type FakeFeishu } from './testing/fake-feishu.js';
import { messageEvent } from './testing/message-events.js';

async function waitForSent(fake: FakeFeishu, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (fake.sent.length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} sent messages, got ${fake.sent.length}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('agent + chat service + Feishu channel', () => {
  for (const mode of ['websocket', 'webhook'] as const) {
    it(`${mode}: a platform event at the fake gets the agent's reply at the fake, once`, async () => {
      await using fake = await startFakeFeishu();
      const model = createScriptedModel();
      const feishu = {
        appId: fake.appId,
        appSecret: fake.appSecret,
        domain: fake.baseUrl,
        mode,
        ...(mode === 'webhook' ? { verificationToken: 'vt', webhook: { host: '127.0.0.1', port: 0 } } : {}),
      };
      const agent = createAgent({
        logger: { level: 'silent' },
        services: [createChatService({ channels: [feishuChannel] })],
        model,
        config: { services: { chat: { channels: { feishu } } } },
      });
      await agent.start();
      try {
        const event = messageEvent({ messageType: 'text', content: { text: 'hello agent' }, messageId: 'om_e2e', eventId: 'ev-e2e', token: 'vt' });
        if (mode === 'websocket') {
          expect((await fake.longConnection.push(event)).code).toBe(200);
          expect((await fake.longConnection.push(event)).code).toBe(200);
        } else {
          const info = await agent.invoke('chat/channels', {});
          const port = JSON.stringify(info).match(/"webhookPort":(\d+)/)?.[1];
          expect(port).toBeDefined();
          const url = `http://127.0.0.1:${port}/feishu/events`;
          expect((await fake.postCallback(url, event)).status).toBe(200);
          expect((await fake.postCallback(url, messageEvent({ messageType: 'text', content: { text: 'hello agent' }, messageId: 'om_e2e', token: 'vt' }))).status).toBe(200);
        }
        await waitForSent(fake, 1);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(fake.sent).toHaveLength(1);
        expect(fake.sent[0]?.content.text).toContain('hello agent');
        expect(fake.sent[0]).toMatchObject({ msgType: 'text' });
      } finally {
        await agent.stop();
      }
    });
  }
});
