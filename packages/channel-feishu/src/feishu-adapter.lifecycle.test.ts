import { openResources, resourcesLeftOpen } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { FeishuConfigSchema } from './config/feishu-config.js';
import { feishuChannel } from './feishu-channel.js';
import { FeishuAdapter } from './feishu-adapter.js';
import { createHarness, memoryLogger, recordingSink } from './testing/adapter-harness.js';
import { startFakeFeishu } from './testing/fake-feishu.js';
import { messageEvent } from './testing/message-events.js';


async function expectNoLeaks(baseline: Record<string, number>): Promise<void> {
  expect(await resourcesLeftOpen(baseline)).toEqual({});
}

describe('Feishu channel lifecycle', () => {
  for (const mode of ['websocket', 'webhook'] as const) {
    it(`${mode}: connects, disconnects and reconnects three times without leaking handles`, async () => {
      const baseline = openResources();
      {
        await using harness = await createHarness({ mode, verificationToken: 'vt', webhook: { host: '127.0.0.1', port: 0 } });
        for (let round = 0; round < 3; round += 1) {
          await harness.adapter.connect(harness.sink);
          const event = messageEvent({ messageType: 'text', content: { text: `round ${round}` }, token: 'vt' });
          if (mode === 'websocket') await harness.fake.longConnection.push(event);
          else await harness.fake.postCallback(`http://127.0.0.1:${harness.adapter.webhookPort}/feishu/events`, event);
          await harness.adapter.send({ chatId: 'oc_chat' }, { text: `reply ${round}` });
          await harness.adapter.disconnect();
        }
        expect(harness.sink.messages.map((message) => message.text)).toEqual(['round 0', 'round 1', 'round 2']);
        expect(harness.fake.sent).toHaveLength(3);
      }
      await expectNoLeaks(baseline);
    });
  }

  it('disconnects when the agent stops (setup.signal aborts)', async () => {
    await using fake = await startFakeFeishu();
    const abort = new AbortController();
    const config = FeishuConfigSchema.parse({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.baseUrl });
    const adapter = await feishuChannel.create({ config, logger: memoryLogger().logger, signal: abort.signal, dataDir: '/nonexistent', env: {} });
    expect(adapter).toBeInstanceOf(FeishuAdapter);
    expect(adapter.capabilities).toEqual({ maxTextLength: 4_000, typing: false, attachments: false, streaming: false });
    await adapter.connect(recordingSink());
    expect(fake.longConnection.connected).toBe(true);
    abort.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.longConnection.connected).toBe(false);
  });

  it('validates the config: webhook mode needs a verification token or encrypt key; secrets are marked', () => {
    const base = { appId: 'cli_a1b2c3d4e5f6a7b8', appSecret: 'secret-value' };
    expect(FeishuConfigSchema.safeParse({ ...base, mode: 'webhook' }).success).toBe(false);
    expect(FeishuConfigSchema.safeParse({ ...base, mode: 'webhook', encryptKey: 'key-value' }).success).toBe(true);
    expect(FeishuConfigSchema.safeParse({ ...base, unknownKey: 1 }).success).toBe(false);
    const parsed = FeishuConfigSchema.parse(base);
    expect(parsed).toMatchObject({ domain: 'feishu', mode: 'websocket', requireMention: true, maxTextLength: 4_000, webhook: { path: '/feishu/events' } });
  });

  it('refuses a malformed app id before opening the long connection', async () => {
    await using harness = await createHarness({ appId: 'not-an-app-id', botOpenId: 'ou_bot' });
    await expect(harness.adapter.connect(harness.sink)).rejects.toThrow(/services\.chat\.channels\.feishu\.appId/);
  });
});
