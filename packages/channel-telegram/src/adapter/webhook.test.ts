import type { DeliveryResult } from '@downcity/chat';
import { TelegramConfigSchema } from '../config/telegram-config.js';
import { afterEach, describe, expect, it } from 'vitest';
import { privateMessage, recordingSink, startHarness, type TelegramHarness } from '../testing/telegram-fixtures.js';

const SECRET = 'webhook_Secret-0123456789';
const PATH = '/hooks/telegram';

let harness: TelegramHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function startWebhook(config: Record<string, unknown> = {}): Promise<TelegramHarness> {
  harness = await startHarness({ mode: 'webhook', webhookSecret: SECRET, webhookPort: 0, webhookPath: PATH, ...config });
  return harness;
}

/** Posts like Telegram does: JSON body, secret in `X-Telegram-Bot-Api-Secret-Token`. */
function post(port: number | undefined, body: unknown, secret: string | null = SECRET, path = PATH): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== null) headers['x-telegram-bot-api-secret-token'] = secret;
  return fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('webhook mode', () => {
  it('calls setWebhook with the URL, the secret token and the update types on connect', async () => {
    const { fake, adapter } = await startWebhook({ webhookUrl: 'https://bot.example.com/hooks/telegram' });
    await adapter.connect(recordingSink());
    expect(fake.callsOf('setWebhook')[0]?.params).toMatchObject({ url: 'https://bot.example.com/hooks/telegram', secret_token: SECRET, allowed_updates: ['message'], drop_pending_updates: false });
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
    expect(fake.callsOf('deleteWebhook')).toHaveLength(0);
  });

  it('delivers an update with the right secret and answers 200 only after deliver resolved', async () => {
    const { adapter } = await startWebhook();
    const sink = recordingSink();
    let release: (() => void) | undefined;
    sink.next(() => new Promise<DeliveryResult>((resolve) => {
      release = () => resolve({ status: 'accepted' });
    }));
    await adapter.connect(sink);
    let answered = false;
    const response = post(adapter.webhookPort, privateMessage({ text: 'via webhook' }, 900)).then((value) => {
      answered = true;
      return value;
    });
    await harness?.fake.waitFor(() => release !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    release?.();
    expect((await response).status).toBe(200);
    expect(sink.stored.map((message) => message.text)).toEqual(['via webhook']);
  });

  it('rejects a missing or forged secret with 401 and delivers nothing', async () => {
    const { adapter, logger } = await startWebhook();
    const sink = recordingSink();
    await adapter.connect(sink);
    expect((await post(adapter.webhookPort, privateMessage({ text: 'forged' }, 901), null)).status).toBe(401);
    expect((await post(adapter.webhookPort, privateMessage({ text: 'forged' }, 902), 'wrong-secret')).status).toBe(401);
    expect((await post(adapter.webhookPort, privateMessage({ text: 'forged' }, 903), `${SECRET}x`)).status).toBe(401);
    expect((await post(adapter.webhookPort, privateMessage({ text: 'forged' }, 904), '')).status).toBe(401);
    expect(sink.attempts).toHaveLength(0);
    expect(JSON.stringify(logger.lines)).not.toContain(SECRET);
  });

  it('answers 500 when storing fails, so Telegram retries, and the retry carries the same messageId', async () => {
    const { adapter } = await startWebhook();
    const sink = recordingSink();
    sink.next(() => Promise.reject(new Error('database locked')));
    await adapter.connect(sink);
    const update = privateMessage({ text: 'retry me', message_id: 77 }, 905);
    expect((await post(adapter.webhookPort, update)).status).toBe(500);
    expect((await post(adapter.webhookPort, update)).status).toBe(200);
    expect((await post(adapter.webhookPort, update)).status).toBe(200);
    expect(sink.attempts.map((message) => message.messageId)).toEqual(['4242:77', '4242:77', '4242:77']);
    expect(sink.stored).toHaveLength(1);
  });

  it('skips malformed and unknown updates, rejects bad requests, and keeps working', async () => {
    const { adapter } = await startWebhook();
    const sink = recordingSink();
    await adapter.connect(sink);
    const port = adapter.webhookPort;
    expect((await post(port, '{not json')).status).toBe(400);
    expect((await post(port, { update_id: 906, message: 'garbage' })).status).toBe(200);
    expect((await post(port, { update_id: 907, edited_message: { message_id: 1 } })).status).toBe(200);
    expect((await post(port, [1, 2, 3])).status).toBe(200);
    expect((await post(port, privateMessage({ text: 'x' }, 908), SECRET, '/elsewhere')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}${PATH}`, { headers: { 'x-telegram-bot-api-secret-token': SECRET } })).status).toBe(405);
    expect((await post(port, privateMessage({ text: 'fine' }, 909))).status).toBe(200);
    expect(sink.stored.map((message) => message.text)).toEqual(['fine']);
  });

  it('refuses webhook mode without a secret, and secrets Telegram would not accept', () => {
    const result = TelegramConfigSchema.safeParse({ token: '1:abcd', mode: 'webhook' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['webhookSecret']);
    const invalid = TelegramConfigSchema.safeParse({ token: '1:abcd', mode: 'webhook', webhookSecret: 'has spaces and $ymbols' });
    expect(invalid.success).toBe(false);
    expect(JSON.stringify(invalid.error?.issues)).not.toContain('has spaces');
  });

  it('closes the server and its connections on disconnect', async () => {
    const { adapter } = await startWebhook();
    await adapter.connect(recordingSink());
    const port = adapter.webhookPort;
    expect((await post(port, privateMessage({ text: 'x' }, 910))).status).toBe(200);
    await adapter.disconnect();
    await expect(post(port, privateMessage({ text: 'y' }, 911))).rejects.toThrow();
  });
});
