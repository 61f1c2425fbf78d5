import { randomUUID } from 'node:crypto';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { defineChannel, type ChannelAdapter, type ChannelDefinition, type ChannelSetup } from '../../channel/channel.js';
import { TerminalChannelConfigSchema, type TerminalChannelConfig } from './terminal-config.js';

/** Options for {@link createTerminalChannel}. */
export interface TerminalChannelOptions {
  /** Where lines are read from (default `process.stdin`). */
  input?: Readable;
  /** Where replies are written (default `process.stdout`). */
  output?: Writable;
  /** Called on `/exit` or end of input, after the channel stops reading (e.g. `() => agent.stop()`). */
  onExit?: () => void;
}

const EXIT = '/exit';

function createTerminalAdapter(setup: ChannelSetup<TerminalChannelConfig>, options: TerminalChannelOptions): ChannelAdapter {
  const { config, logger } = setup;
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  let lines: Interface | undefined;
  let exited = false;
  const prompt = (): void => {
    if (lines && config.prompt !== '') output.write(config.prompt);
  };
  const exit = (): void => {
    if (exited) return;
    exited = true;
    lines?.close();
    lines = undefined;
    options.onExit?.();
  };

  return {
    id: 'terminal',
    account: config.account,
    capabilities: { maxTextLength: 100_000, typing: false, attachments: false, streaming: true },

    async connect(sink) {
      exited = false;
      lines = createInterface({ input, terminal: false, crlfDelay: Infinity });
      lines.on('line', (line) => {
        const text = line.trim();
        if (text === '') return prompt();
        if (text === EXIT) return exit();
        const sender = config.displayName === undefined ? { id: config.user } : { id: config.user, displayName: config.displayName };
        sink
          .deliver({
            channel: 'terminal',
            account: config.account,
            messageId: randomUUID(),
            chat: { id: config.chatId, type: 'direct' },
            sender,
            text,
            attachments: [],
            mentions: { self: true, userIds: [] },
            sentAt: Date.now(),
          })
          .then((result) => {
            if (result.status === 'rejected') {
              output.write(`(not sent: ${result.reason})\n`);
              prompt();
            }
          })
          .catch((error: unknown) => logger.error({ err: error }, 'delivering a terminal line failed'));
      });
      lines.on('close', exit);
      prompt();
    },

    async disconnect() {
      exited = true;
      lines?.close();
      lines = undefined;
    },

    async send(_target, message) {
      const last = message.part === undefined || message.part.index === message.part.count - 1;
      if (message.streamed) {
        if (last) output.write('\n');
      } else {
        output.write(`${message.text}\n`);
      }
      return { messageId: randomUUID() };
    },

    openStream() {
      return { write: (delta) => void output.write(delta), end: () => {} };
    },

    settled() {
      prompt();
    },
  };
}

/**
 * Creates a terminal channel reading lines from `input` and printing replies (streamed as they are
 * generated) to `output`. `/exit` or the end of input stops reading and calls `onExit`.
 *
 * @example
 * ```ts
 * const terminal = createTerminalChannel({ onExit: () => void agent.stop() });
 * const chat = createChatService({ channels: [terminal] });
 * // config: services: { chat: { channels: { terminal: true } } }
 * ```
 */
export function createTerminalChannel(options: TerminalChannelOptions = {}): ChannelDefinition<typeof TerminalChannelConfigSchema> {
  return defineChannel({
    id: 'terminal',
    config: TerminalChannelConfigSchema,
    create: (setup) => createTerminalAdapter(setup, options),
  });
}

/** The terminal channel on `process.stdin` and `process.stdout`. */
export const terminalChannel = createTerminalChannel();
