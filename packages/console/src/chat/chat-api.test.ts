import { describe, expect, it } from 'vitest';
import { allServerEvents, serverEvents, signedInClient } from '../../test/signed-in-client.js';
import { startConsoleAgent } from '../../test/start-console-agent.js';

const SESSION = 'chat:web:console:main:operator';

describe('the console chat API', () => {
  it('streams a reply with its tool call, stores the conversation in a session of the web channel, and reads it back', async () => {
    await using harness = await startConsoleAgent();
    const client = await signedInClient(harness);
    const { channels } = await harness.agent.invoke('chat/channels', {});
    expect(channels).toContainEqual(expect.objectContaining({ id: 'web', account: 'console', connected: true, capabilities: expect.objectContaining({ streaming: true, privateSessions: true }) }));
    expect(await (await client.get('chat/history')).json()).toEqual({ chatId: 'main', sessionId: null, messages: [], replying: false });

    harness.model.enqueue({ toolCalls: [{ name: 'weather_forecast', arguments: { city: 'Lisbon' } }] }, { text: 'It is sunny in Lisbon today.' });
    const response = await client.post('chat/messages', { text: 'weather in Lisbon?' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const events = await allServerEvents(response);
    // Deltas as the model streams them (one per word here), between the two steps.
    const names = events.map((event) => event.event).filter((name, index, all) => name !== 'delta' || all[index - 1] !== 'delta');
    expect(names).toEqual(['accepted', 'step', 'delta', 'step', 'done']);
    expect(events[0]?.data).toEqual({ messageId: expect.any(String), sessionId: SESSION });
    expect(events[1]?.data).toEqual({
      index: 1,
      parts: [
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather_forecast', input: { city: 'Lisbon' } },
        { type: 'tool-result', toolCallId: 'call_1', toolName: 'weather_forecast', output: { forecast: 'sunny in Lisbon' } },
      ],
    });
    expect(events.filter((event) => event.event === 'delta').map((event) => event.data.text).join('')).toBe('It is sunny in Lisbon today.');
    expect(events.at(-2)?.data).toEqual({ index: 2, parts: [{ type: 'text', text: 'It is sunny in Lisbon today.' }] });
    expect(events.at(-1)?.data).toEqual({ text: 'It is sunny in Lisbon today.' });

    const history = (await (await client.get('chat/history')).json()) as { sessionId: string; messages: { role: string; parts: { type: string }[]; metadata: Record<string, unknown> }[] };
    expect(history.sessionId).toBe(SESSION);
    expect(history.messages.map((message) => [message.role, message.parts.map((part) => part.type).join(',')])).toEqual([
      ['user', 'text'],
      ['assistant', 'tool-call'],
      ['tool', 'tool-result'],
      ['assistant', 'text'],
    ]);
    expect(history.messages[0]?.metadata).toMatchObject({ channel: 'web', sender: { id: 'operator', displayName: 'Operator' } });
    // The Sessions page lists it like any conversation.
    expect(await (await client.get('sessions?channel=web')).json()).toMatchObject({ sessions: [{ id: SESSION, channels: ['web'] }] });
  });

  it('stops a reply from the Stop route: the stream ends stopped, what was written stays, the next message is answered', async () => {
    await using harness = await startConsoleAgent();
    const client = await signedInClient(harness);
    expect(await (await client.post('chat/stop', {})).json()).toEqual({ stopped: false });
    harness.model.enqueue({ text: 'Once upon a time there was', hold: true });
    const response = await client.post('chat/messages', { text: 'tell me a long story' });
    const seen: string[] = [];
    let written = '';
    for await (const event of serverEvents(response)) {
      seen.push(event.event);
      if (event.event === 'delta') written += String(event.data.text);
      if (written === 'Once upon a time there was' && !seen.includes('stop sent')) {
        expect((await (await client.get('chat/history')).json()) as { replying: boolean }).toMatchObject({ replying: true });
        const stop = await client.post('chat/stop', {});
        expect(await stop.json()).toEqual({ stopped: true });
        seen.push('stop sent');
      }
      if (event.event === 'stopped') expect(event.data).toEqual({ text: 'Stopped.' });
    }
    expect(seen.at(-1)).toBe('stopped');
    const history = (await (await client.get('chat/history')).json()) as { replying: boolean; messages: { role: string; parts: { text?: string }[]; metadata: Record<string, unknown> }[] };
    expect(history.replying).toBe(false);
    expect(history.messages.map((message) => [message.role, message.parts[0]?.text, message.metadata.stopped ?? false])).toEqual([
      ['user', 'tell me a long story', false],
      ['assistant', 'Once upon a time there was', true],
    ]);
    const next = await allServerEvents(await client.post('chat/messages', { text: 'shorter please' }));
    expect(next.at(-1)).toEqual({ event: 'done', data: { text: 'echo: shorter please' } });
  });

  it('treats the console sender as the operator: an owner to the auth plugin, no pairing code', async () => {
    await using harness = await startConsoleAgent({ auth: true });
    const client = await signedInClient(harness);
    // A sender the auth plugin does not know gets a pairing code; the operator is answered at once.
    expect(await harness.say('hello agent', 'stranger-chat')).toContain('pairing code');
    const events = await allServerEvents(await client.post('chat/messages', { text: 'hello agent' }));
    expect(events.at(-1)).toEqual({ event: 'done', data: { text: 'echo: hello agent' } });
    await expect(harness.agent.invoke('agent/identity', { principal: { id: 'web:operator', authenticatedBy: 'operator' } })).resolves.toMatchObject({ role: 'owner' });
  });

  it('refuses bad input, requests without the CSRF token, and says when the Chat page is off', async () => {
    await using harness = await startConsoleAgent();
    const client = await signedInClient(harness);
    const empty = await client.post('chat/messages', { text: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: 'INPUT_INVALID', message: 'Invalid body: text: must not be empty' } });
    const badChat = await client.post('chat/messages', { text: 'hi', chatId: '../other' });
    expect(badChat.status).toBe(400);
    expect(await badChat.json()).toMatchObject({ error: { code: 'INPUT_INVALID', message: expect.stringContaining('chatId: must be 1-64 letters') } });
    const long = await client.post('chat/messages', { text: 'x'.repeat(16_001) });
    expect(long.status).toBe(413);
    expect(await long.json()).toMatchObject({ error: { code: 'MESSAGE_TOO_LARGE', message: expect.stringContaining('the limit is 16000') } });
    const forged = await client.post('chat/messages', { text: 'hi' }, { 'x-csrf-token': 'forged' });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: 'CSRF_REJECTED' } });
    expect((await fetch(`${harness.consoleUrl}/api/chat/history`)).status).toBe(401);
    expect(harness.model.calls).toHaveLength(0);

    await using off = await startConsoleAgent({ console: { chat: false } });
    const offClient = await signedInClient(off);
    const refused = await offClient.post('chat/messages', { text: 'hi' });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ error: { code: 'CHAT_OFF', message: 'The Chat page is off: set services.console.chat to true.' } });
    expect((await off.agent.invoke('chat/channels', {})).channels.map((channel) => channel.id)).toEqual(['http']);
  });
});
