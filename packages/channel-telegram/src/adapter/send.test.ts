import { DowncityError } from '@downcity/core';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingSink, startHarness, TEST_TOKEN, type TelegramHarness } from '../testing/telegram-fixtures.js';

let harness: TelegramHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function connected(config: Parameters<typeof startHarness>[0] = {}): Promise<TelegramHarness> {
  harness = await startHarness(config);
  await harness.adapter.connect(recordingSink());
  return harness;
}

describe('sending', () => {
  it('sends a reply with chat, topic and quoted message, and returns its id', async () => {
    const { fake, adapter } = await connected();
    const sent = await adapter.send({ chatId: '-1001234567890', threadId: '77', replyToMessageId: '-1001234567890:31' }, { text: 'Hi **there**' });
    expect(fake.callsOf('sendMessage')[0]?.params).toEqual({
      chat_id: '-1001234567890',
      text: 'Hi <b>there</b>',
      parse_mode: 'HTML',
      message_thread_id: 77,
      reply_parameters: { message_id: 31, allow_sending_without_reply: true },
    });
    expect(fake.sent[0]).toMatchObject({ chatId: '-1001234567890', text: 'Hi there', threadId: 77, replyToMessageId: 31, entities: [{ type: 'bold', offset: 3, length: 5 }] });
    expect(sent.messageId).toBe(`-1001234567890:${fake.sent[0]?.messageId}`);
  });

  it('shows text with HTML-looking and Markdown-looking characters exactly as written', async () => {
    const { fake, adapter } = await connected();
    const text = '<b>a & b</b> *x* _y_ [link](url) 1 < 2 > 0 &amp;';
    await adapter.send({ chatId: '4242' }, { text });
    expect(fake.sent[0]?.text).toBe(text);
    expect(fake.sent[0]?.entities).toEqual([]);
  });

  it('sends text as is with parseMode none', async () => {
    const { fake, adapter } = await connected({ parseMode: 'none' });
    await adapter.send({ chatId: '4242' }, { text: '<b>a & b</b> **x**' });
    expect(fake.callsOf('sendMessage')[0]?.params).toEqual({ chat_id: '4242', text: '<b>a & b</b> **x**' });
    expect(fake.sent[0]?.text).toBe('<b>a & b</b> **x**');
  });

  it('falls back to plain text when Telegram cannot parse the HTML', async () => {
    const { fake, adapter, logger } = await connected();
    fake.failNext('sendMessage', { kind: 'error', status: 400, description: "Bad Request: can't parse entities: Unsupported start tag at byte offset 0" });
    await adapter.send({ chatId: '4242' }, { text: 'a `b` c' });
    expect(fake.callsOf('sendMessage').map((call) => call.params.parse_mode)).toEqual(['HTML', undefined]);
    expect(fake.sent[0]?.text).toBe('a `b` c');
    expect(logger.lines.some((line) => line.level === 'warn')).toBe(true);
  });

  it('splits a reply longer than 4,096 characters into clean parts that all arrive', async () => {
    const { fake, adapter } = await connected();
    const paragraphs = Array.from({ length: 60 }, (_, index) => `Paragraph ${index}: ${'lorem ipsum dolor sit amet '.repeat(5).trim()}.`);
    const text = paragraphs.join('\n\n');
    expect(text.length).toBeGreaterThan(8192);
    await adapter.send({ chatId: '4242', replyToMessageId: '4242:11' }, { text });
    expect(fake.sent.length).toBe(3);
    for (const part of fake.sent) expect(part.text?.length).toBeLessThanOrEqual(4096);
    expect(fake.sent.map((part) => part.text).join('\n\n')).toBe(text);
    expect(fake.sent.map((part) => part.replyToMessageId)).toEqual([11, undefined, undefined]);
    for (const part of fake.sent) expect(part.text).toMatch(/^Paragraph \d+:[\s\S]*\.$/);
  });

  it('waits for retry_after after a 429 and then sends', async () => {
    const { fake, adapter } = await connected();
    fake.failNext('sendMessage', { kind: 'error', status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
    await adapter.send({ chatId: '4242' }, { text: 'patience' });
    const [limited, retried] = fake.callsOf('sendMessage');
    expect(retried).toBeDefined();
    const waitedMs = (retried?.at ?? 0) - (limited?.at ?? 0);
    expect(waitedMs).toBeGreaterThanOrEqual(950);
    expect(waitedMs).toBeLessThan(2500);
    expect(fake.sent.map((part) => part.text)).toEqual(['patience']);
  });

  it('gives up with an error after the configured retries', async () => {
    const { fake, adapter } = await connected({ maxRetries: 1 });
    fake.failNext('sendMessage', { kind: 'error', status: 429, description: 'Too Many Requests: retry after 0', retryAfter: 0 }, { kind: 'error', status: 429, description: 'Too Many Requests: retry after 0', retryAfter: 0 });
    const error = await adapter.send({ chatId: '4242' }, { text: 'x' }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error)).toBe(true);
    expect((error as DowncityError).details).toMatchObject({ status: 429, retryAfterSeconds: 0 });
    expect(fake.callsOf('sendMessage')).toHaveLength(2);
  });

  it('does not wait when retry_after is longer than maxRetryAfterSeconds', async () => {
    const { fake, adapter } = await connected({ maxRetryAfterSeconds: 5 });
    fake.failNext('sendMessage', { kind: 'error', status: 429, description: 'Too Many Requests: retry after 3600', retryAfter: 3600 });
    const error = await adapter.send({ chatId: '4242' }, { text: 'x' }).catch((caught: unknown) => caught);
    expect((error as DowncityError).details).toMatchObject({ status: 429, retryAfterSeconds: 3600 });
    expect(fake.callsOf('sendMessage')).toHaveLength(1);
  });

  it('names the token setting when a send gets 401', async () => {
    const { fake, adapter } = await connected();
    fake.failNext('sendMessage', { kind: 'error', status: 401, description: 'Unauthorized' });
    const error = await adapter.send({ chatId: '4242' }, { text: 'x' }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('services.chat.channels.telegram.token');
    expect((error as Error).message).not.toContain(TEST_TOKEN);
  });

  it('explains a 403 from a user who blocked the bot', async () => {
    const { fake, adapter } = await connected();
    fake.failNext('sendMessage', { kind: 'error', status: 403, description: 'Forbidden: bot was blocked by the user' });
    const error = await adapter.send({ chatId: '4242' }, { text: 'x' }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error, 'DENIED')).toBe(true);
  });

  it('shows the typing indicator in the right topic', async () => {
    const { fake, adapter } = await connected();
    await adapter.typing({ chatId: '-1001234567890', threadId: '77' });
    expect(fake.callsOf('sendChatAction')[0]?.params).toEqual({ chat_id: '-1001234567890', action: 'typing', message_thread_id: 77 });
  });

  it('uploads attachments after the text', async () => {
    const { fake, adapter } = await connected();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const pdf = new TextEncoder().encode('%PDF-1.4 fake');
    const sent = await adapter.send({ chatId: '4242' }, { text: 'here you go', attachments: [{ kind: 'image', data: png, fileName: 'chart.png', mimeType: 'image/png' }, { kind: 'file', data: pdf, fileName: 'report.pdf' }] });
    expect(fake.sent.map((record) => record.method)).toEqual(['sendMessage', 'sendPhoto', 'sendDocument']);
    expect(fake.sent[1]?.file?.bytes).toEqual(png);
    expect(fake.sent[1]?.file?.fileName).toBe('chart.png');
    expect(fake.sent[2]?.file?.bytes).toEqual(pdf);
    expect(sent.messageId).toBe(`4242:${fake.sent[2]?.messageId}`);
  });

  it('cancels a send waiting on a rate limit when the channel disconnects', async () => {
    const { fake, adapter } = await connected();
    fake.failNext('sendMessage', { kind: 'error', status: 429, description: 'Too Many Requests: retry after 30', retryAfter: 30 });
    const sending = adapter.send({ chatId: '4242' }, { text: 'late' }).catch((caught: unknown) => caught);
    await fake.waitFor(() => fake.callsOf('sendMessage').length === 1);
    const started = performance.now();
    await adapter.disconnect();
    const error = await sending;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(DowncityError.is(error, 'ABORTED')).toBe(true);
    expect(fake.callsOf('sendMessage')).toHaveLength(1);
  });

  it('refuses an empty message', async () => {
    const { adapter } = await connected();
    await expect(adapter.send({ chatId: '4242' }, { text: '  ' })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});
