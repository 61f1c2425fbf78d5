import { createAgent, defineAction, defineService, DowncityError } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { recordingChannel } from '../../test/recording-channel.js';
import { startChatAgent } from '../../test/start-chat-agent.js';
import { defineChatCommand } from '../commands/chat-command.js';
import { createChatService } from '../service/create-chat-service.js';
import { ChatCommandActionInputSchema, ChatCommandActionOutputSchema } from './register-command-action.js';

const on = { channels: { test: {} } };

describe('chat actions', () => {
  it('chat/send delivers to a session or a channel target and stores an assistant message', async () => {
    const channel = recordingChannel({ maxTextLength: 20 });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on });
    await channel.deliver({ text: 'hi', chatId: 'c9', threadId: 't1' });
    await channel.until(() => channel.outcomes.length === 1);

    const toSession = await chat.agent.invoke('chat/send', { sessionId: 'chat:test:bot:c9', text: 'Your task finished. All good.' });
    expect(toSession).toMatchObject({ sessionId: 'chat:test:bot:c9', seq: 3, messageIds: ['out-2', 'out-3'] });
    expect(channel.sent.slice(1).map((entry) => [entry.target.chatId, entry.target.threadId, entry.message.text])).toEqual([
      ['c9', 't1', 'Your task finished.'],
      ['c9', 't1', 'All good.'],
    ]);

    const toTarget = await chat.agent.invoke('chat/send', { target: { channel: 'test', chatId: 'new-chat' }, text: 'hello', idempotencyKey: 'job-1' });
    expect(toTarget).toEqual({ sessionId: 'chat:test:bot:new-chat', seq: 1, messageIds: ['out-4'] });
    expect(await chat.agent.invoke('chat/send', { target: { channel: 'test', chatId: 'new-chat' }, text: 'hello', idempotencyKey: 'job-1' })).toEqual(toTarget);
    expect(channel.sent).toHaveLength(4);
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:test:bot:new-chat' });
    expect(history.messages).toEqual([expect.objectContaining({ role: 'assistant', text: 'hello', metadata: { source: 'chat/send', caller: 'agent' } })]);

    await expect(chat.agent.invoke('chat/send', { sessionId: 'chat:nope', text: 'x' })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    await expect(chat.agent.invoke('chat/send', { target: { channel: 'fax', chatId: '1' }, text: 'x' })).rejects.toThrow(/No connected channel "fax" \(running: test\)/);
    await expect(chat.agent.invoke('chat/send', { text: 'x' } as never)).rejects.toMatchObject({ code: 'ACTION_INVALID' });
  });

  it('chat/sessions lists chat sessions and chat/history reads one; unknown ids are a clear error', async () => {
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on });
    await channel.deliver({ text: 'one', chatId: 'a' });
    await channel.deliver({ text: 'two', chatId: 'b' });
    await channel.until(() => channel.outcomes.length === 2);
    const { sessions } = await chat.agent.invoke('chat/sessions', { channel: 'test' });
    expect(sessions.map((session) => session.id).sort()).toEqual(['chat:test:bot:a', 'chat:test:bot:b']);
    expect(sessions[0]).toMatchObject({ channels: ['test'], route: { channel: 'test', account: 'bot' }, messages: 2 });
    expect((await chat.agent.invoke('chat/sessions', { channel: 'other' })).sessions).toEqual([]);
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:test:bot:a', limit: 1 });
    expect(history.messages.map((message) => message.text)).toEqual(['echo: one']);
    const error = await chat.agent.invoke('chat/history', { sessionId: 'chat:test:bot:zzz' }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error, 'SESSION_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toContain('chat:test:bot:zzz');
  });

  it('adds commands from createChatService and from other services through chat/register-command', async () => {
    const channel = recordingChannel();
    const ping = defineChatCommand({ name: 'ping', description: 'Checks the bot', run: ({ args, principal }) => `pong ${args} for ${principal.id}` });
    const calls: unknown[] = [];
    const tasks = defineService({
      package: { name: 'test-task', version: '1.0.0', downcity: { kind: 'service', id: 'task', requires: { chat: '^0.1.0' }, actions: { 'task/list': { description: 'lists tasks' } } } },
      setup: (context) => ({
        actions: {
          list: defineAction({
            description: 'lists tasks',
            input: ChatCommandActionInputSchema,
            output: ChatCommandActionOutputSchema,
            run: (input, call) => (calls.push({ input, principal: call.principal?.id, caller: call.caller }), { reply: `2 tasks (${input.args})` }),
          }),
        },
        start: async () => void (await context.invoke('chat/register-command', { name: 'tasks', description: 'Lists your tasks', action: 'task/list' })),
      }),
    });
    const agent = createAgent({ logger: { level: 'silent' }, services: [createChatService({ channels: [channel.definition], commands: [ping] }), tasks], config: { services: { chat: on } } });
    await agent.start();
    try {
      await channel.deliver({ text: '/ping hello' });
      await channel.deliver({ text: '/tasks today' });
      await channel.deliver({ text: '/help' });
      await channel.until(() => channel.outcomes.length === 3);
      expect(channel.texts().slice(0, 2)).toEqual(['pong hello for test:u1', '2 tasks (today)']);
      expect(channel.texts()[2]).toContain('/tasks - Lists your tasks');
      expect(calls).toEqual([{ input: { args: 'today', text: '/tasks today', sessionId: 'chat:test:bot:c1' }, principal: 'test:u1', caller: 'chat' }]);
      await expect(agent.invoke('chat/register-command', { name: 'ping', description: 'again', action: 'task/list' })).rejects.toThrow(/clashes with \/ping/);
    } finally {
      await agent.stop();
    }
  });

  it('asks every action registered under one command name in order until one handles it', async () => {
    const channel = recordingChannel();
    const answering = (id: string, mine: string) =>
      defineService({
        package: { name: `test-${id}`, version: '1.0.0', downcity: { kind: 'service', id, requires: { chat: '^0.1.0' }, actions: { [`${id}/approve`]: { description: 'answers' } } } },
        setup: (context) => ({
          actions: {
            approve: defineAction({
              description: 'answers',
              input: ChatCommandActionInputSchema,
              output: ChatCommandActionOutputSchema,
              run: (input) => (input.args === mine ? { reply: `${id} ran ${mine}` } : { reply: `${id}: nothing waits with id ${input.args}`, handled: false }),
            }),
          },
          start: async () => void (await context.invoke('chat/register-command', { name: 'approve', description: `${id} approvals`, action: `${id}/approve` })),
        }),
      });
    const agent = createAgent({
      logger: { level: 'silent' },
      services: [createChatService({ channels: [channel.definition] }), answering('first', 'a1'), answering('second', 'b2')],
      config: { services: { chat: on } },
    });
    await agent.start();
    try {
      for (const text of ['/approve a1', '/approve b2', '/approve zz']) await channel.deliver({ text });
      await channel.until(() => channel.outcomes.length === 3);
      expect(channel.texts()).toEqual(['first ran a1', 'second ran b2', 'first: nothing waits with id zz']);
      await expect(agent.invoke('chat/register-command', { name: 'help', description: 'again', action: 'first/approve' })).rejects.toThrow(/clashes with \/help/);
    } finally {
      await agent.stop();
    }
  });

  it('chat/channels lists the running channels', async () => {
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on });
    expect(await chat.agent.invoke('chat/channels', {})).toEqual({
      channels: [{ id: 'test', account: 'bot', connected: true, capabilities: { maxTextLength: 4096, typing: false, attachments: false, streaming: false }, info: {}, sharedPrincipals: [] }],
    });
  });

  it('chat/channels tells when each channel last delivered a message and its last failure', async () => {
    const channel = recordingChannel({ failSends: 100 });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: { ...on, sendRetries: 0 } });
    const before = (await chat.agent.invoke('chat/channels', {})).channels[0];
    expect(before?.lastEventAt).toBeUndefined();
    expect(before?.lastError).toBeUndefined();
    await channel.deliver({ text: 'hello' });
    await channel.until(() => channel.outcomes.length === 1);
    const after = (await chat.agent.invoke('chat/channels', {})).channels[0];
    expect(Date.parse(after?.lastEventAt ?? '')).toBeGreaterThan(0);
    expect(after?.lastError).toEqual({ at: expect.any(String), message: expect.stringContaining('platform unavailable') });
  });

  it('refuses config for a channel that is not installed, naming the installed ones', async () => {
    const channel = recordingChannel();
    await expect(startChatAgent({ chat: { channels: [channel.definition] }, config: { channels: { telegram: {} } } })).rejects.toThrow(/no channel named "telegram" is installed.*installed: test/);
  });
});
