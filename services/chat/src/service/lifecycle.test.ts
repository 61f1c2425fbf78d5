import { PassThrough } from 'node:stream';
import { openResources, resourcesLeftOpen } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { startChatAgent } from '../../test/start-chat-agent.js';
import { httpChannel } from '../channels/http/http-channel.js';
import { createTerminalChannel } from '../channels/terminal/terminal-channel.js';


describe('the chat service lifecycle', () => {
  it('leaves no server, socket, timer or listener behind after 20 start/stop cycles with traffic', async () => {
    const before = openResources();
    const input = new PassThrough();
    const output = new PassThrough().resume();
    const terminal = createTerminalChannel({ input, output });
    for (let cycle = 0; cycle < 20; cycle++) {
      const chat = await startChatAgent({ chat: { channels: [httpChannel, terminal] }, config: { channels: { http: { token: 'lifecycle-token', port: 0 }, terminal: true } } });
      const { channels } = await chat.agent.invoke('chat/channels', {});
      const url = String(channels.find((channel) => channel.id === 'http')?.info.url);
      const { token } = await chat.agent.invoke('chat/http-token-create', { user: 'u' });
      const response = await fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: `cycle ${cycle}`, sessionKey: 'k', user: 'u' }),
      });
      expect(await response.text()).toContain(`echo: cycle ${cycle}`);
      await chat.agent.stop();
    }
    expect(await resourcesLeftOpen(before)).toEqual({});
    expect(input.listenerCount('data')).toBe(0);
  });
});
