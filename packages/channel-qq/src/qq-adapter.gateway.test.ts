import { openResources, resourcesLeftOpen } from '@downcity/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayIntents } from './gateway/intents.js';
import type { QqChannelAdapter } from './qq-adapter.js';
import { c2cMessage, groupMessage, guildAtMessage } from './testing/events.js';
import { startFakeQq, type FakeQq } from './testing/fake-qq.js';
import { APP_ID, APP_SECRET, adapterFor, captureLogger, configFor, createMemorySink, delay, until, type MemorySink } from './testing/test-kit.js';

describe('QQ adapter, WebSocket gateway', () => {
  let fake: FakeQq;
  let adapter: QqChannelAdapter;
  let sink: MemorySink;
  let lines: string[];
  let resourcesBefore: Record<string, number>;

  beforeEach(async () => {
    resourcesBefore = openResources();
    fake = await startFakeQq({ appId: APP_ID, appSecret: APP_SECRET, heartbeatIntervalMs: 100 });
    const captured = captureLogger();
    lines = captured.lines;
    adapter = adapterFor(configFor(fake, { mode: 'websocket' }), captured.logger);
    sink = createMemorySink();
    await adapter.connect(sink);
  });

  afterEach(async () => {
    await adapter.disconnect();
    await fake.close();
    expect(await resourcesLeftOpen(resourcesBefore)).toEqual({});
    const log = lines.join('\n');
    expect(log).not.toContain(APP_SECRET);
    for (const token of fake.issuedTokens) expect(log).not.toContain(token);
  });

  it('identifies with the token, intents and shard, then heartbeats with the last seq', async () => {
    const identify = await fake.gateway.waitForFrame(2);
    expect(identify.d).toMatchObject({
      token: 'QQBot fake-access-token-1',
      intents: GatewayIntents.GROUP_AND_C2C_EVENT + GatewayIntents.PUBLIC_GUILD_MESSAGES,
      shard: [0, 1],
    });
    const heartbeat = await fake.gateway.waitForFrame(1);
    expect(heartbeat.d).toBe(1); // READY was s=1
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('hi'));
    await sink.waitFor(1);
    const after = fake.gateway.frames.length;
    const next = await fake.gateway.waitForFrame(1, after);
    expect(next.d).toBe(2);
  });

  it('delivers text in and sends the reply through the OpenAPI', async () => {
    const event = groupMessage('ping');
    fake.gateway.dispatch('GROUP_AT_MESSAGE_CREATE', event);
    const [message] = await sink.waitFor(1);
    expect(message).toMatchObject({ messageId: event.id, chat: { id: 'group:C9F778FE6ADF9D1D1DBE395BF744A33A', type: 'group' }, text: 'ping' });
    await adapter.send({ chatId: message!.chat.id, replyToMessageId: message!.messageId }, { text: 'pong' });
    expect(fake.sends[0]).toMatchObject({ path: '/v2/groups/C9F778FE6ADF9D1D1DBE395BF744A33A/messages', body: { content: 'pong', msg_type: 0, msg_id: event.id, msg_seq: 1 } });
  });

  it('learns its bot id from READY and strips its mention from guild messages', async () => {
    fake.gateway.dispatch('AT_MESSAGE_CREATE', { ...guildAtMessage('hello'), mentions: undefined });
    const [message] = await sink.waitFor(1);
    expect(message).toMatchObject({ text: 'hello', mentions: { self: true } });
  });

  it('resumes after the socket drops: nothing lost, nothing delivered twice', async () => {
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('one'));
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('two'));
    await sink.waitFor(2);
    // A third event is in flight (the store is slow) when the network fails.
    const release = sink.hold();
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('three'));
    await until(() => sink.deliveries.length === 3);
    fake.gateway.drop();
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('four'));
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('five'));
    await delay(100);
    release();
    await sink.waitFor(5);
    const resume = await fake.gateway.waitForFrame(6);
    // READY s=1, then events s=2..4 stored before the resume: QQ replays s=5 and s=6 only.
    expect(resume.d).toMatchObject({ token: 'QQBot fake-access-token-1', seq: 4 });
    expect((resume.d as { session_id: string }).session_id).toMatch(/[0-9a-f-]{36}/);
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('six'));
    await sink.waitFor(6);
    await delay(50);
    expect(sink.deliveries.map((message) => message.text)).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
    expect(fake.gateway.frames.filter((frame) => frame.op === 2)).toHaveLength(1);
    expect(fake.gateway.connections).toBe(2);
  });

  it('does not acknowledge an event the store refused: it resumes and QQ replays it', async () => {
    sink.failNext();
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('retry me'));
    await sink.waitFor(1);
    const resume = await fake.gateway.waitForFrame(6);
    expect(resume.d).toMatchObject({ seq: 1 });
    expect(sink.deliveries.map((message) => message.text)).toEqual(['retry me', 'retry me']);
    expect(sink.messages).toHaveLength(1);
  });

  it('reconnects and resumes when QQ sends op 7', async () => {
    fake.gateway.requestReconnect();
    await fake.gateway.waitForFrame(6);
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('after reconnect'));
    await sink.waitFor(1);
    expect(fake.gateway.connections).toBe(2);
  });

  it('identifies again after op 9 Invalid Session', async () => {
    fake.gateway.invalidateSession();
    await until(() => fake.gateway.frames.filter((frame) => frame.op === 2).length === 2);
    await until(() => fake.gateway.connected);
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('new session'));
    await sink.waitFor(1);
    expect(fake.gateway.frames.filter((frame) => frame.op === 6)).toHaveLength(0);
  });

  it('identifies again after close code 4006 and resumes after 4009', async () => {
    fake.gateway.closeWith(4009);
    await fake.gateway.waitForFrame(6);
    await until(() => fake.gateway.connected);
    fake.gateway.closeWith(4006);
    await until(() => fake.gateway.frames.filter((frame) => frame.op === 2).length === 2);
    await until(() => fake.gateway.connected);
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('still going'));
    await sink.waitFor(1);
  });

  it('skips malformed frames and events and keeps working', async () => {
    fake.gateway.sendRaw('not json');
    fake.gateway.sendRaw('{"no":"op"}');
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', { content: 'missing author' });
    fake.gateway.dispatch('SOMETHING_NEW', { any: 1 });
    fake.gateway.dispatch('C2C_MESSAGE_CREATE', c2cMessage('good'));
    const messages = await sink.waitFor(1);
    expect(messages.map((message) => message.text)).toEqual(['good']);
    expect(sink.deliveries).toHaveLength(1);
    expect(lines.join('\n')).toContain('not a QQ payload');
  });
});

describe('QQ adapter, gateway refusals', () => {
  it('fails to connect when the gateway refuses the intents, naming the setting', async () => {
    const before = openResources();
    const fake = await startFakeQq({ appId: APP_ID, appSecret: APP_SECRET, identifyCloseCode: 4014 });
    const captured = captureLogger();
    const adapter = adapterFor(configFor(fake, { mode: 'websocket', gateway: { intents: ['DIRECT_MESSAGE'] } }), captured.logger);
    const error = await adapter.connect(createMemorySink()).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('services.chat.channels.qq.gateway.intents');
    expect((await fake.gateway.waitForFrame(2)).d).toMatchObject({ intents: 1 << 12 });
    await adapter.disconnect();
    await fake.close();
    expect(await resourcesLeftOpen(before)).toEqual({});
  });
});
