import { createChatService } from '@downcity/chat';
import { createAgent } from '@downcity/core';
import { createScriptedModel, openResources, resourcesLeftOpen } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { qqChannel } from './qq-channel.js';
import { c2cMessage, dispatch, groupMessage } from './testing/events.js';
import { startFakeQq } from './testing/fake-qq.js';
import { APP_ID, APP_SECRET, delay } from './testing/test-kit.js';

describe('QQ channel end to end', () => {
  it('answers a QQ message through an agent: platform event at the fake → reply at the fake, once', async () => {
    const before = openResources();
    const fake = await startFakeQq({ appId: APP_ID, appSecret: APP_SECRET });
    const model = createScriptedModel();
    const agent = createAgent({
      logger: { level: 'silent' },
      services: [createChatService({ channels: [qqChannel] })],
      model,
      config: {
        services: {
          chat: {
            channels: { qq: { appId: APP_ID, appSecret: APP_SECRET, mode: 'webhook', apiBaseUrl: fake.baseUrl, tokenUrl: fake.tokenUrl, webhook: { host: '127.0.0.1', port: 0 } } },
          },
        },
      },
    });
    await agent.start();
    try {
      const { channels } = await agent.invoke('chat/channels', {});
      const qq = channels.find((channel) => channel.id === 'qq');
      expect(qq).toMatchObject({ account: APP_ID, connected: true, info: { mode: 'webhook' } });
      const url = String(qq!.info.webhookUrl);

      const event = c2cMessage('hello agent');
      const payload = dispatch('C2C_MESSAGE_CREATE', event);
      expect(await fake.postCallback(url, payload)).toEqual({ status: 200, body: { op: 12, d: 0 } });
      // QQ redelivers the same event: the chat service deduplicates it, so one reply only.
      expect(await fake.postCallback(url, payload)).toEqual({ status: 200, body: { op: 12, d: 0 } });
      const [reply] = await fake.waitForSends(1);
      expect(reply).toMatchObject({
        path: '/v2/users/E4F4AEA33253A2797FB897C50B81D7ED/messages',
        body: { content: 'echo: hello agent', msg_type: 0, msg_id: event.id, msg_seq: 1 },
      });

      const group = groupMessage('and the group?');
      await fake.postCallback(url, dispatch('GROUP_AT_MESSAGE_CREATE', group));
      await fake.waitForSends(2);
      expect(fake.sends[1]).toMatchObject({ path: '/v2/groups/C9F778FE6ADF9D1D1DBE395BF744A33A/messages', body: { content: expect.stringContaining('and the group?'), msg_id: group.id, msg_seq: 1 } });
      await delay(100);
      expect(fake.sends).toHaveLength(2);
    } finally {
      await agent.stop();
      await fake.close();
    }
    expect(await resourcesLeftOpen(before)).toEqual({});
  });
});
