import { createMemoryStore } from '@downcity/core';
import { createScriptedModel } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { gatedModel } from '../../test/gated-model.js';
import { recordingChannel } from '../../test/recording-channel.js';
import { startChatAgent } from '../../test/start-chat-agent.js';
import { testPlugin } from '../../test/test-plugin.js';

const on = { channels: { test: {} } };

describe('the chat main path', () => {
  it('answers a message through the model and stores both sides in the session', async () => {
    const channel = recordingChannel();
    const turns: unknown[] = [];
    const observer = testPlugin('observer', {}, {}, (turn) => void turns.push({ principal: turn.principal, inputText: turn.inputText }));
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, plugins: [observer] });
    const result = await channel.deliver({ text: 'hello there', displayName: 'Uma' });
    expect(result).toEqual({ status: 'accepted', sessionId: 'chat:test:bot:c1' });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.texts()).toEqual(['echo: hello there']);
    expect(channel.outcomes[0]).toMatchObject({ status: 'answered', sessionId: 'chat:test:bot:c1', reply: { text: 'echo: hello there', messageIds: ['out-1'] } });
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:test:bot:c1' });
    expect(history.messages.map((message) => `${message.role}: ${message.text}`)).toEqual(['user: hello there', 'assistant: echo: hello there']);
    expect(history.messages[0]?.metadata).toMatchObject({ channel: 'test', messageId: expect.any(String), sender: { id: 'u1', displayName: 'Uma' }, transcribed: false });
    expect(turns).toEqual([{ principal: { id: 'test:u1', channel: 'test', account: 'bot', displayName: 'Uma', conversation: 'direct' }, inputText: 'hello there' }]);
  });

  it('answers a duplicate delivery (sequential or concurrent) exactly once', async () => {
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on });
    const first = channel.message({ text: 'once', messageId: 'dup-1' });
    const results = await Promise.all([channel.deliver(first), channel.deliver({ ...first })]);
    expect(results.map((result) => result.status).sort()).toEqual(['accepted', 'duplicate']);
    await channel.until(() => channel.outcomes.length === 1);
    expect(await channel.deliver({ ...first })).toEqual({ status: 'duplicate' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(channel.texts()).toEqual(['echo: once']);
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:test:bot:c1' });
    expect(history.messages.filter((message) => message.role === 'user')).toHaveLength(1);
  });

  it('keeps per-session order for 100 concurrent messages over 10 sessions', async () => {
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on });
    const messages = Array.from({ length: 100 }, (_, index) => channel.message({ text: `s${index % 10} n${Math.floor(index / 10)}`, chatId: `chat-${index % 10}` }));
    const results = await Promise.all(messages.map((message) => channel.deliver(message)));
    expect(results.every((result) => result.status === 'accepted')).toBe(true);
    await channel.until(() => channel.outcomes.length === 100);
    for (let session = 0; session < 10; session++) {
      const expected = Array.from({ length: 10 }, (_, n) => `s${session} n${n}`);
      const replies = channel.sent.filter((entry) => entry.target.chatId === `chat-${session}`).map((entry) => entry.message.text);
      expect(replies).toEqual(expected.map((text) => `echo: ${text}`));
      const history = await chat.agent.invoke('chat/history', { sessionId: `chat:test:bot:chat-${session}`, limit: 100 });
      expect(history.messages.map((message) => message.text)).toEqual(expected.flatMap((text) => [text, `echo: ${text}`]));
    }
  });

  it('runs one turn at a time per session and queues what arrives meanwhile', async () => {
    const gated = gatedModel();
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model: gated.model });
    gated.close();
    await channel.deliver({ text: 'first' });
    await channel.deliver({ text: 'second' });
    await channel.deliver({ text: 'third' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(gated.waiting()).toBe(1);
    gated.open();
    await channel.until(() => channel.outcomes.length === 3);
    expect(channel.texts()).toEqual(['echo: first', 'echo: second', 'echo: third']);
    expect(chat.agent.state).toBe('running');
  });

  it('merges messages that arrived during a turn into the next turn with mergeQueued', async () => {
    const gated = gatedModel();
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: { ...on, mergeQueued: true }, model: gated.model });
    gated.close();
    await channel.deliver({ text: 'first' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await channel.deliver({ text: 'second' });
    await channel.deliver({ text: 'third' });
    gated.open();
    await channel.until(() => channel.outcomes.length === 3);
    expect(channel.texts()).toEqual(['echo: first', 'echo: third']);
    expect(channel.outcomes.map((outcome) => outcome.status)).toEqual(['answered', 'answered', 'answered']);
    expect(channel.sent[1]?.target.inboundMessageId).toBe(channel.outcomes[2]?.messageId);
    const prompt = gated.scripted.calls[1]?.prompt.filter((message) => message.role === 'user') ?? [];
    expect(JSON.stringify(prompt)).toContain('second');
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:test:bot:c1' });
    expect(history.messages.map((message) => message.text)).toEqual(['first', 'echo: first', 'second', 'third', 'echo: third']);
  });

  it('denies through the authorize guard without calling the model, sending only the verdict reply', async () => {
    const model = createScriptedModel();
    const channel = recordingChannel();
    const seen: unknown[] = [];
    const auth = testPlugin('auth', { 'chat/authorize': 'guard' }, {
      'chat/authorize': (request) => (seen.push(request), request.principal.id === 'test:friend' ? { allow: true } : { allow: false, reason: 'unknown user', reply: 'Ask the owner for access.' }),
    });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model, plugins: [auth] });
    await channel.deliver({ text: 'let me in', userId: 'stranger' });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.outcomes[0]).toMatchObject({ status: 'denied', reply: { text: 'Ask the owner for access.' } });
    expect(channel.texts()).toEqual(['Ask the owner for access.']);
    expect(model.calls).toHaveLength(0);
    expect(seen[0]).toMatchObject({ sessionId: 'chat:test:bot:c1', principal: { id: 'test:stranger', channel: 'test', account: 'bot', conversation: 'direct' } });
    await channel.deliver({ text: 'hi', userId: 'friend' });
    await channel.until(() => channel.outcomes.length === 2);
    expect(model.calls).toHaveLength(1);
    expect(chat.agent.state).toBe('running');
  });

  it('tells the sender their message was refused to be safe when the authorize guard fails, keeping the details in the log', async () => {
    const model = createScriptedModel({ default: { text: 'answered' } });
    const channel = recordingChannel();
    const broken = testPlugin('flaky-auth', { 'chat/authorize': 'guard' }, {
      'chat/authorize': (request) => {
        if (request.message.text === 'boom') throw new Error('db password=hunter2 rejected');
        return { allow: true };
      },
    });
    await using _chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model, plugins: [broken] });
    await channel.deliver({ text: 'boom' });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.outcomes[0]).toMatchObject({ status: 'denied' });
    expect(channel.texts()).toEqual([
      'Your message was not accepted: a check on it (by "flaky-auth") failed, so it was refused to be safe. Try again in a moment; if it keeps happening, tell whoever runs this agent.',
    ]);
    expect(channel.texts().join('')).not.toContain('hunter2');
    expect(model.calls).toHaveLength(0);
    await channel.deliver({ text: 'hello' });
    await channel.until(() => channel.outcomes.length === 2);
    expect(channel.outcomes[1]).toMatchObject({ status: 'answered' });
  });

  it('lets the inbound pipeline change what the model sees, marking transcripts as transcribed', async () => {
    const model = createScriptedModel({ default: { text: 'noted' } });
    const channel = recordingChannel();
    const asr = testPlugin('asr', { 'chat/inbound': 'pipeline' }, {
      'chat/inbound': async (value) => {
        const voice = value.message.attachments.find((attachment) => attachment.kind === 'voice');
        if (!voice) return value;
        const bytes = await value.download(voice);
        return { ...value, message: { ...value.message, transcript: { text: `buy ${bytes.length} apples`, engine: 'test-asr', plausible: true }, notes: ['spoken quickly'] } };
      },
    });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model, plugins: [asr] });
    await channel.deliver({ text: '', attachments: [{ kind: 'voice', id: 'v1', mimeType: 'audio/ogg', dataBase64: Buffer.from('12345').toString('base64') }] });
    await channel.until(() => channel.outcomes.length === 1);
    const prompt = JSON.stringify(model.calls[0]?.prompt);
    expect(prompt).toContain('[voice message transcribed by test-asr; speech-to-text, not typed by the user]: buy 5 apples');
    expect(prompt).toContain('[note: spoken quickly]');
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:test:bot:c1' });
    expect(history.messages[0]?.metadata).toMatchObject({ transcribed: true, attachments: [{ kind: 'voice', id: 'v1', mimeType: 'audio/ogg' }] });
    expect(JSON.stringify(history.messages[0]?.metadata)).not.toContain('dataBase64');
  });

  it('lets before-reply rewrite what is sent and after-reply observe it', async () => {
    const channel = recordingChannel();
    const observed: unknown[] = [];
    const polish = testPlugin('polish', { 'chat/before-reply': 'pipeline', 'chat/after-reply': 'effect' }, {
      'chat/before-reply': (draft) => ({ ...draft, text: draft.text.toUpperCase() }),
      'chat/after-reply': (sent) => void observed.push(sent),
    });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, plugins: [polish] });
    await channel.deliver({ text: 'quiet please' });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.texts()).toEqual(['ECHO: QUIET PLEASE']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(observed).toEqual([
      expect.objectContaining({ text: 'ECHO: QUIET PLEASE', chunks: ['ECHO: QUIET PLEASE'], messageIds: ['out-1'], source: 'model', sessionId: 'chat:test:bot:c1' }),
    ]);
    expect(chat.agent.state).toBe('running');
  });

  it('maps two identities to one session through the chat/session resolve point', async () => {
    const channel = recordingChannel();
    const identity = testPlugin('identity', { 'chat/session': 'resolve' }, {
      'chat/session': (query) => (query.principal.id === 'test:alice-phone' || query.principal.id === 'test:alice-laptop' ? 'chat:person:alice' : query.defaultSessionId),
    });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, plugins: [identity] });
    expect(await channel.deliver({ text: 'from phone', userId: 'alice-phone', chatId: 'p' })).toMatchObject({ sessionId: 'chat:person:alice' });
    await channel.deliver({ text: 'from laptop', userId: 'alice-laptop', chatId: 'l' });
    await channel.deliver({ text: 'from bob', userId: 'bob', chatId: 'b' });
    await channel.until(() => channel.outcomes.length === 3);
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:person:alice' });
    expect(history.messages.filter((message) => message.role === 'user').map((message) => message.text)).toEqual(['from phone', 'from laptop']);
    const targets = channel.sent.map((entry) => entry.target.chatId);
    expect([...targets].sort()).toEqual(['b', 'l', 'p']);
    expect(targets.indexOf('p')).toBeLessThan(targets.indexOf('l'));
  });

  it('splits a reply longer than the channel limit into clean chunks', async () => {
    const paragraphs = Array.from({ length: 6 }, (_, index) => `Paragraph ${index} has a few words. It also has a second sentence.`);
    const model = createScriptedModel({ default: { text: paragraphs.join('\n\n') } });
    const channel = recordingChannel({ maxTextLength: 140 });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model });
    await channel.deliver({ text: 'tell me a lot' });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.texts()).toEqual([paragraphs.slice(0, 2).join('\n\n'), paragraphs.slice(2, 4).join('\n\n'), paragraphs.slice(4).join('\n\n')]);
    expect(channel.sent.map((entry) => entry.message.part)).toEqual([
      { index: 0, count: 3 },
      { index: 1, count: 3 },
      { index: 2, count: 3 },
    ]);
    expect(chat.agent.state).toBe('running');
  });

  it('answers /help, /reset and /status without the model', async () => {
    const model = createScriptedModel();
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model });
    await channel.deliver({ text: 'remember me' });
    await channel.deliver({ text: '/help' });
    await channel.deliver({ text: '/status' });
    await channel.deliver({ text: '/reset' });
    await channel.deliver({ text: '/status@some_bot' });
    await channel.until(() => channel.outcomes.length === 5);
    const [, help, statusBefore, reset, statusAfter] = channel.texts();
    expect(help).toBe(['Commands:', '/help - Lists the commands', '/reset - Starts a new conversation (earlier messages are kept but no longer used as context)', '/status - Shows the session and whether a model is configured', '/stop - Stops the reply being written for you'].join('\n'));
    expect(statusBefore).toContain('Session: chat:test:bot:c1');
    expect(statusBefore).toContain('Messages: 2 stored, 2 since the last /reset');
    expect(statusBefore).toContain('Model: configured');
    expect(reset).toMatch(/^Started a new conversation/);
    expect(statusAfter).toContain('Messages: 2 stored, 0 since the last /reset');
    expect(model.calls).toHaveLength(1);
    await channel.deliver({ text: 'after reset' });
    await channel.until(() => channel.outcomes.length === 6);
    expect(model.calls[1]?.prompt.filter((message) => message.role === 'user')).toHaveLength(1);
    expect(chat.agent.state).toBe('running');
  });

  it('still runs commands without a model and tells the user how to configure one', async () => {
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model: null });
    await channel.deliver({ text: 'hello?' });
    await channel.deliver({ text: '/status' });
    await channel.until(() => channel.outcomes.length === 2);
    expect(channel.texts()[0]).toMatch(/No model is configured yet.*Set `model`/);
    expect(channel.texts()[1]).toContain('Model: not configured');
    expect(channel.outcomes[0]).toMatchObject({ status: 'failed', error: { code: 'MODEL_NOT_CONFIGURED' } });
    expect(chat.agent.state).toBe('running');
  });

  it('fails safely when the model fails: a short notice, no secret, the message kept', async () => {
    const model = createScriptedModel({ replies: [{ error: { status: 401, message: 'Incorrect API key provided: sk-secret-123' } }] });
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model, agentConfig: { model: { provider: 'openai', model: 'x', maxRetries: 0 } } });
    await channel.deliver({ text: 'are you there?' });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.texts()).toEqual(['Sorry, I could not answer that just now. Please try again in a moment.']);
    expect(channel.outcomes[0]).toMatchObject({ status: 'failed', error: { code: 'MODEL_AUTH' } });
    expect(JSON.stringify(channel.outcomes)).not.toContain('sk-secret');
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:test:bot:c1' });
    expect(history.messages.map((message) => message.text)).toEqual(['are you there?']);
    await channel.deliver({ text: 'again' });
    await channel.until(() => channel.outcomes.length === 2);
    expect(channel.texts()[1]).toBe('echo: again');
  });

  it('ignores group messages that do not mention the bot, and bots', async () => {
    const model = createScriptedModel();
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model });
    expect(await channel.deliver({ text: 'chatter', chatType: 'group', chatId: 'g' })).toEqual({ status: 'accepted' });
    await channel.deliver({ text: 'bot noise', sender: { id: 'b', isBot: true } } as never);
    await channel.deliver({ text: 'hey bot', chatType: 'group', chatId: 'g', mentions: { self: true, userIds: [] }, displayName: 'Ann' });
    await channel.deliver({ text: 'and this', chatType: 'group', chatId: 'g', replyTo: { messageId: 'out-1', fromSelf: true } });
    await channel.until(() => channel.outcomes.filter((outcome) => outcome.status === 'answered').length === 2);
    expect(channel.outcomes.map((outcome) => outcome.status)).toEqual(['ignored', 'ignored', 'answered', 'answered']);
    expect(channel.texts()).toEqual(['echo: Ann: hey bot', 'echo: u1: and this']);
    expect(channel.sent[0]?.target.replyToMessageId).toBe(channel.outcomes[2]?.messageId);
    expect(model.calls).toHaveLength(2);
    const sessions = await chat.agent.invoke('chat/sessions', {});
    expect(sessions.sessions.map((session) => session.id)).toEqual(['chat:test:bot:g']);
  });

  it('answers every group message when requireMention is off', async () => {
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: { ...on, groups: { requireMention: false } } });
    await channel.deliver({ text: 'chatter', chatType: 'group', chatId: 'g', displayName: 'Ann' });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.texts()).toEqual(['echo: Ann: chatter']);
    expect(chat.agent.state).toBe('running');
  });

  it('uses the documented session ids for each scope', async () => {
    for (const [scope, expected] of [
      ['chat', 'chat:test:bot:g'],
      ['user', 'chat:test:bot:g:u7'],
      ['thread', 'chat:test:bot:g:t3'],
    ] as const) {
      const channel = recordingChannel();
      await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: { ...on, scope, groups: { requireMention: false } } });
      expect(await channel.deliver({ text: 'x', chatId: 'g', chatType: 'group', userId: 'u7', threadId: 't3' })).toEqual({ status: 'accepted', sessionId: expected });
      await channel.until(() => channel.outcomes.length === 1);
      expect(channel.sent[0]?.target).toMatchObject({ chatId: 'g', threadId: 't3' });
      expect(chat.agent.state).toBe('running');
    }
  });

  it('rejects malformed and oversized messages and stores nothing', async () => {
    const channel = recordingChannel();
    const store = createMemoryStore();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: { ...on, maxInboundTextLength: 10 }, store });
    expect(await channel.deliver({ text: 'x'.repeat(11) })).toMatchObject({ status: 'rejected', code: 'too-large', reason: expect.stringContaining('limit is 10') });
    expect(await channel.deliver({ ...channel.message({ text: 'x' }), chat: { id: '', type: 'direct' } })).toMatchObject({ status: 'rejected', code: 'invalid', reason: expect.stringContaining('chat.id') });
    expect(await channel.deliver({ ...channel.message({ text: 'x' }), channel: 'other' })).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(await store.collection('chat:inbox').count()).toBe(0);
    expect(await chat.agent.invoke('chat/sessions', {})).toEqual({ sessions: [] });
    await channel.deliver({ text: 'fine' });
    await channel.until(() => channel.outcomes.length === 1);
  });

  it('shows typing while the model runs and streams deltas to streaming channels', async () => {
    const channel = recordingChannel({ typing: true, streaming: true });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on });
    await channel.deliver({ text: 'stream this please' });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.typingCalls).toBeGreaterThanOrEqual(1);
    expect(channel.deltas.join('')).toBe('echo: stream this please');
    expect(channel.sent[0]?.message).toMatchObject({ text: 'echo: stream this please', streamed: true });
    expect(chat.agent.state).toBe('running');
  });

  it('retries a failed send and never sends a chunk twice', async () => {
    const channel = recordingChannel({ failSends: 1 });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on });
    await channel.deliver({ text: 'flaky' });
    await channel.until(() => channel.outcomes.length === 1, 3_000);
    expect(channel.texts()).toEqual(['echo: flaky']);
    expect(channel.outcomes[0]?.status).toBe('answered');
    expect(chat.agent.state).toBe('running');
  });
});
