import type { DeliveryResult } from '@downcity/chat';
import { DowncityError } from '@downcity/core';
import { openResources, resourcesLeftOpen } from '@downcity/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { groupMessage, privateMessage, recordingSink, startHarness, TEST_TOKEN, type TelegramHarness } from '../testing/telegram-fixtures.js';

let harness: TelegramHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('long polling', () => {
  it('learns the bot with getMe and hands a text message to the sink with normalized fields', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    const sink = recordingSink();
    await adapter.connect(sink);
    expect(adapter.account).toBe(String(fake.bot.id));
    expect(adapter.username).toBe(fake.bot.username);
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);

    fake.pushUpdate(privateMessage({ text: 'hello bot' }));
    await fake.waitFor(() => sink.stored.length === 1);
    expect(sink.stored[0]).toMatchObject({
      channel: 'telegram',
      account: String(fake.bot.id),
      messageId: '4242:11',
      chat: { id: '4242', type: 'direct' },
      sender: { id: '4242', displayName: 'Alice Liddell', isBot: false },
      text: 'hello bot',
      attachments: [],
      mentions: { self: false, userIds: [] },
    });
    const polls = fake.callsOf('getUpdates');
    expect(polls[0]?.params).toMatchObject({ timeout: 5, allowed_updates: ['message'] });
  });

  it('confirms an update (offset = update_id + 1) only after deliver resolved', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    const sink = recordingSink();
    let release: (() => void) | undefined;
    sink.next(() => new Promise<DeliveryResult>((resolve) => {
      release = () => resolve({ status: 'accepted' });
    }));
    await adapter.connect(sink);
    const updateId = fake.pushUpdate(privateMessage({ text: 'slow to store' }));
    await fake.waitFor(() => release !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.callsOf('getUpdates').some((call) => Number(call.params.offset) > updateId)).toBe(false);
    expect(fake.pendingUpdateIds()).toEqual([updateId]);

    release?.();
    await fake.waitFor(() => fake.callsOf('getUpdates').some((call) => call.params.offset === updateId + 1));
    expect(fake.pendingUpdateIds()).toEqual([]);
  });

  it('fetches an update again when deliver fails, so nothing is lost', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    const sink = recordingSink();
    sink.next(() => Promise.reject(new Error('disk full')));
    await adapter.connect(sink);
    const first = fake.pushUpdate(privateMessage({ text: 'keep me', message_id: 12 }));
    const second = fake.pushUpdate(privateMessage({ text: 'and me', message_id: 13 }));
    await fake.waitFor(() => sink.stored.length === 2);
    expect(sink.attempts.map((message) => message.text)).toEqual(['keep me', 'keep me', 'and me']);
    expect(sink.attempts[0]?.messageId).toBe(sink.attempts[1]?.messageId);
    const offsets = fake.callsOf('getUpdates').map((call) => call.params.offset);
    expect(offsets.slice(0, 2)).toEqual([undefined, undefined]);
    await fake.waitFor(() => fake.pendingUpdateIds().length === 0);
    expect(fake.callsOf('getUpdates').at(-1)?.params.offset).toBe(second + 1);
    expect(first).toBe(second - 1);
    expect(harness.logger.lines.some((line) => line.level === 'warn' && /stays unconfirmed/.test(line.message))).toBe(true);
  });

  it('leaves an update unconfirmed when the chat service is unavailable (stopping), and fetches it again', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    const sink = recordingSink();
    sink.next(() => Promise.resolve({ status: 'rejected', reason: 'agent stopping', code: 'unavailable' }));
    await adapter.connect(sink);
    fake.pushUpdate(privateMessage({ text: 'try later' }));
    await fake.waitFor(() => sink.stored.length === 1);
    expect(sink.attempts).toHaveLength(2);
  });

  it('hands the same messageId to the sink when an update is delivered twice', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    const sink = recordingSink();
    await adapter.connect(sink);
    fake.pushUpdate(privateMessage({ text: 'once', message_id: 50 }));
    fake.pushUpdate(privateMessage({ text: 'once', message_id: 50 }));
    await fake.waitFor(() => sink.attempts.length === 2);
    expect(sink.attempts[0]?.messageId).toBe(sink.attempts[1]?.messageId);
    expect(sink.stored).toHaveLength(1);
  });

  it('backs off and resumes polling after server errors and dropped connections', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    const sink = recordingSink();
    fake.failNext(
      'getUpdates',
      { kind: 'http', status: 502, body: '<html>Bad Gateway</html>' },
      { kind: 'error', status: 500, description: 'Internal Server Error' },
      { kind: 'drop' },
      { kind: 'drop' },
    );
    await adapter.connect(sink);
    fake.pushUpdate(privateMessage({ text: 'after the storm' }));
    await fake.waitFor(() => sink.stored.length === 1);
    const warnings = harness.logger.lines.filter((line) => /getUpdates failed/.test(line.message));
    expect(warnings.map((line) => line.fields.delayMs)).toEqual([20, 40, 80, 100]);
    const calls = fake.callsOf('getUpdates');
    expect(calls.length).toBeGreaterThanOrEqual(5);
    const gaps = calls.slice(1, 5).map((call, index) => call.at - (calls[index]?.at ?? 0));
    gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(Number(warnings[index]?.fields.delayMs) - 5));
  });

  it('logs and skips malformed and unknown updates, and keeps working', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    const sink = recordingSink();
    await adapter.connect(sink);
    fake.pushUpdate({ message: 'garbage' });
    fake.pushUpdate({ message: { message_id: 'not a number', chat: null } });
    fake.pushUpdate({ callback_query: { id: 'cb', from: { id: 1 } } });
    fake.pushUpdate(groupMessage({ new_chat_members: [{ id: 5, is_bot: false, first_name: 'Eve' }] }));
    fake.pushUpdate(privateMessage({ text: 'still here' }));
    await fake.waitFor(() => sink.stored.length === 1);
    expect(sink.stored[0]?.text).toBe('still here');
    await fake.waitFor(() => fake.pendingUpdateIds().length === 0);
    const warnings = harness.logger.lines.filter((line) => line.level === 'warn');
    expect(warnings.map((line) => line.message)).toEqual(['Skipped a malformed Telegram update', 'Skipped a malformed Telegram update']);
  });

  it('fails connect with an error naming the token setting when Telegram answers 401', async () => {
    const wrongToken = '7000001:AAH-revoked_token_0000000000';
    harness = await startHarness({ token: wrongToken });
    const error = await harness.adapter.connect(recordingSink()).catch((caught: unknown) => caught);
    expect(DowncityError.is(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('services.chat.channels.telegram.token');
    expect(JSON.stringify((error as DowncityError).toJSON())).not.toContain(wrongToken);
    expect(harness.fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('leaves no socket or timer behind after disconnect', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    await settle();
    const before = openResources();
    const sink = recordingSink();
    await adapter.connect(sink);
    fake.pushUpdate(privateMessage({ text: 'hi' }));
    await fake.waitFor(() => sink.stored.length === 1);
    await adapter.send({ chatId: '4242' }, { text: 'hello' });
    await adapter.typing({ chatId: '4242' });
    expect(openResources()).not.toEqual(before);
    await adapter.disconnect();
    expect(await resourcesLeftOpen(before)).toEqual({});
  });

  it('on disconnect waits for the update being stored, then confirms it to Telegram', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    const sink = recordingSink();
    let release: (() => void) | undefined;
    sink.next(() => new Promise<DeliveryResult>((resolve) => {
      release = () => resolve({ status: 'accepted' });
    }));
    await adapter.connect(sink);
    const updateId = fake.pushUpdate(privateMessage({ text: 'stored while stopping' }));
    await fake.waitFor(() => release !== undefined);
    let disconnected = false;
    const stopping = adapter.disconnect().then(() => {
      disconnected = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(disconnected).toBe(false);
    release?.();
    await stopping;
    expect(sink.stored).toHaveLength(1);
    expect(fake.callsOf('getUpdates').at(-1)?.params).toMatchObject({ offset: updateId + 1, timeout: 0 });
    expect(fake.pendingUpdateIds()).toEqual([]);
  });

  it('can connect again after disconnect, and refuses a second connect while connected', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    const sink = recordingSink();
    await adapter.connect(sink);
    await expect(adapter.connect(sink)).rejects.toMatchObject({ code: 'AGENT_STATE' });
    await adapter.disconnect();
    await adapter.connect(sink);
    fake.pushUpdate(privateMessage({ text: 'second life' }));
    await fake.waitFor(() => sink.stored.length === 1);
  });

  it('logs a conflict with another poller and keeps trying', async () => {
    harness = await startHarness();
    const { fake, adapter, logger } = harness;
    fake.failNext('getUpdates', { kind: 'error', status: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
    const sink = recordingSink();
    await adapter.connect(sink);
    fake.pushUpdate(privateMessage({ text: 'won the race' }));
    await fake.waitFor(() => sink.stored.length === 1);
    expect(logger.lines.some((line) => String(line.fields.reason).startsWith('409: Conflict'))).toBe(true);
  });

  it('never writes the token to the log', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    fake.failNext('getUpdates', { kind: 'http', status: 502, body: 'not json' }, { kind: 'drop' });
    const sink = recordingSink();
    await adapter.connect(sink);
    fake.pushUpdate(privateMessage({ text: 'x' }));
    await fake.waitFor(() => sink.stored.length === 1);
    expect(JSON.stringify(harness.logger.lines)).not.toContain(TEST_TOKEN);
    expect(JSON.stringify(harness.logger.lines)).not.toContain(TEST_TOKEN.split(':')[1]);
  });
});

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}


