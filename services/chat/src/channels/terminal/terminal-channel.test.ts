import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startChatAgent } from '../../../test/start-chat-agent.js';
import { createTerminalChannel } from './terminal-channel.js';

function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  let exits = 0;
  const channel = createTerminalChannel({ input, output, onExit: () => exits++ });
  const until = async (needle: string): Promise<void> => {
    const deadline = Date.now() + 5_000;
    while (!printed.includes(needle)) {
      if (Date.now() > deadline) throw new Error(`"${needle}" not printed; output so far: ${JSON.stringify(printed)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { input, channel, until, printed: () => printed, exits: () => exits };
}

describe('the terminal channel', () => {
  it('answers a typed line with a streamed reply and prompts again', async () => {
    const term = terminal();
    await using chat = await startChatAgent({ chat: { channels: [term.channel] }, config: { channels: { terminal: { user: 'ada' } } } });
    await term.until('> ');
    term.input.write('hello from stdin\n');
    await term.until('echo: hello from stdin\n> ');
    expect(term.printed()).toBe('> echo: hello from stdin\n> ');
    term.input.write('/status\n');
    await term.until('Session: chat:terminal:local:local');
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:terminal:local:local' });
    expect(history.messages[0]?.metadata).toMatchObject({ channel: 'terminal', sender: { id: 'ada' } });
  });

  it('stops reading on /exit and calls onExit', async () => {
    const term = terminal();
    await using chat = await startChatAgent({ chat: { channels: [term.channel] }, config: { channels: { terminal: true } } });
    await term.until('> ');
    term.input.write('/exit\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(term.exits()).toBe(1);
    term.input.write('ignored\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(term.printed()).toBe('> ');
    expect(chat.agent.state).toBe('running');
  });
});
