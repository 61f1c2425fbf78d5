import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryStore, type JsonObject } from '@downcity/core';
import { createLibsqlStore } from '@downcity/store-libsql';
import { createScriptedModel } from '@downcity/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingChannel } from '../../test/recording-channel.js';
import { startChatAgent } from '../../test/start-chat-agent.js';

const child = fileURLToPath(new URL('../../test/crash-child.ts', import.meta.url));
const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** Runs the crash child until `ready(lines)` holds, then kills it with SIGKILL. Returns what it printed. */
async function crashChild(databasePath: string, mode: 'hang-model' | 'hang-send', ready: (lines: string[]) => Promise<boolean>): Promise<string[]> {
  const process_ = spawn(process.execPath, ['--import', 'tsx', child, databasePath, mode], { cwd: path.dirname(child), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let errors = '';
  process_.stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  process_.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => process_.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  try {
    while (!(await ready(lines))) {
      if (process_.exitCode !== null || Date.now() > deadline) throw new Error(`the child did not reach the crash point; printed ${JSON.stringify(lines)}; stderr ${errors}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    process_.kill('SIGKILL');
    await exited;
  }
  return lines;
}

async function inboxEntry(databasePath: string): Promise<Record<string, unknown> | undefined> {
  const store = createLibsqlStore({ path: databasePath });
  await store.open();
  try {
    return await store.collection('chat:inbox').get('test:bot:crash-1');
  } finally {
    await store.close();
  }
}

describe('crash recovery', () => {
  it('answers a message exactly once after the process is killed mid-turn', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'downcity-chat-'));
    folders.push(folder);
    const databasePath = path.join(folder, 'agent.db');
    const printed = await crashChild(databasePath, 'hang-model', async (lines) => lines.includes('model-called') && (await inboxEntry(databasePath))?.status === 'processing');
    expect(printed).toContain('delivered:accepted');
    expect(printed.some((line) => line.startsWith('sent:'))).toBe(false);

    const model = createScriptedModel();
    const channel = recordingChannel({ maxTextLength: 30 });
    const chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: { channels: { test: {} } }, model, store: createLibsqlStore({ path: databasePath }) });
    await channel.until(() => channel.outcomes.length === 1, 10_000);
    expect(channel.texts()).toEqual(['echo: are you still there?']);
    expect(channel.outcomes[0]).toMatchObject({ messageId: 'crash-1', status: 'answered' });
    expect(model.calls).toHaveLength(1);
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:test:bot:c1' });
    expect(history.messages.map((message) => `${message.role}: ${message.text}`)).toEqual(['user: are you still there?', 'assistant: echo: are you still there?']);
    expect(await channel.deliver(channel.message({ text: 'are you still there?', messageId: 'crash-1' }))).toEqual({ status: 'duplicate' });
    await chat.agent.stop();

    const again = recordingChannel();
    const restarted = await startChatAgent({ chat: { channels: [again.definition] }, config: { channels: { test: {} } }, store: createLibsqlStore({ path: databasePath }) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(again.sent).toEqual([]);
    await restarted.agent.stop();
  }, 40_000);

  it('sends only the chunks that were not sent when the process died while sending', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'downcity-chat-'));
    folders.push(folder);
    const databasePath = path.join(folder, 'agent.db');
    const printed = await crashChild(databasePath, 'hang-send', async (lines) => lines.filter((line) => line.startsWith('sent:')).length === 2);
    expect(printed.filter((line) => line.startsWith('sent:'))).toEqual(['sent:First part of the answer.', 'sent:Second part of the answer.']);

    const model = createScriptedModel();
    const channel = recordingChannel({ maxTextLength: 30 });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: { channels: { test: {} } }, model, store: createLibsqlStore({ path: databasePath }) });
    await channel.until(() => channel.outcomes.length === 1, 10_000);
    // Chunk 1 was handed to the platform when the process died: it may have arrived, so it is never sent twice.
    expect(channel.texts()).toEqual(['Third part of the answer.']);
    expect(channel.outcomes[0]).toMatchObject({ status: 'answered', reply: { text: 'First part of the answer.\n\nSecond part of the answer.\n\nThird part of the answer.' } });
    expect(model.calls).toHaveLength(0);
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:test:bot:c1' });
    expect(history.messages.filter((message) => message.role === 'assistant')).toHaveLength(1);
  }, 40_000);

  describe('a restart in the middle of a step', () => {
    const sessionId = 'chat:test:bot:c1';
    async function seed(options: { answered: boolean }) {
      const store = createMemoryStore();
      await store.open();
      const channel = recordingChannel();
      const message = channel.message({ text: 'half way', messageId: 'm-x' });
      await store.sessions.ensure({ id: sessionId, kind: 'chat', metadata: { route: { channel: 'test', account: 'bot', chatId: 'c1' }, channels: ['test'] } });
      const [user] = await store.messages.append(sessionId, [{ role: 'user', content: [{ type: 'text', text: 'half way' }], metadata: { inboxId: 'test:bot:m-x' } }]);
      if (options.answered) {
        await store.messages.append(sessionId, [{ role: 'assistant', content: [{ type: 'text', text: 'stored answer' }], metadata: { inboxId: 'test:bot:m-x', step: 1, finishReason: 'stop' } }]);
      }
      const entry = { status: options.answered ? 'processing' : 'pending', sessionId, message, receivedAt: 1, updatedAt: 1, ...(options.answered ? { seq: user?.seq ?? 0 } : {}) };
      await store.collection('chat:inbox').put('test:bot:m-x', JSON.parse(JSON.stringify(entry)) as JsonObject);
      return { store, channel };
    }

    it('does not append the user message again when it was stored before the crash', async () => {
      const { store, channel } = await seed({ answered: false });
      const model = createScriptedModel();
      await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: { channels: { test: {} } }, model, store });
      await channel.until(() => channel.outcomes.length === 1);
      expect(channel.texts()).toEqual(['echo: half way']);
      const history = await chat.agent.invoke('chat/history', { sessionId });
      expect(history.messages.map((entry) => entry.text)).toEqual(['half way', 'echo: half way']);
    });

    it('sends the answer the model already gave instead of asking it again', async () => {
      const { store, channel } = await seed({ answered: true });
      const model = createScriptedModel();
      await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: { channels: { test: {} } }, model, store });
      await channel.until(() => channel.outcomes.length === 1);
      expect(channel.texts()).toEqual(['stored answer']);
      expect(model.calls).toHaveLength(0);
      expect(chat.agent.state).toBe('running');
    });
  });
});
