import { defineChannel, type ChannelAdapter, type InboundSink } from '@downcity/chat';
import { z } from 'zod';
import { eventually } from './mcp-agent.js';

let counter = 0;

/** A chat channel for the tests: `deliver` a user's message, read what the agent `sent`. */
export function testChannel() {
  const sent: { chatId: string; text: string }[] = [];
  let sink: InboundSink | undefined;
  let delivered = 0;
  let settled = 0;
  const adapter: ChannelAdapter = {
    id: 'test',
    account: 'bot',
    capabilities: { maxTextLength: 4096, typing: false, attachments: false, streaming: false },
    async connect(given) {
      sink = given;
    },
    async disconnect() {
      sink = undefined;
    },
    async send(target, message) {
      sent.push({ chatId: target.chatId, text: message.text });
      return { messageId: `out-${sent.length}` };
    },
    settled() {
      settled += 1;
    },
  };
  return {
    definition: defineChannel({ id: 'test', config: z.object({}).strict(), create: () => adapter }),
    sent,
    /** Delivers a message from `userId` in chat `chatId` (a direct chat) and waits until the chat service has answered it. */
    async deliver(text: string, options: { userId?: string; chatId?: string } = {}): Promise<void> {
      if (!sink) throw new Error('the channel is not connected');
      await sink.deliver({
        channel: 'test',
        account: 'bot',
        messageId: `in-${++counter}`,
        chat: { id: options.chatId ?? 'c1', type: 'direct' },
        sender: { id: options.userId ?? 'u1' },
        attachments: [],
        mentions: { self: false, userIds: [] },
        sentAt: Date.now(),
        text,
      });
      delivered += 1;
      await eventually(() => {
        if (settled < delivered) throw new Error(`message ${JSON.stringify(text)} was not answered; sent so far: ${JSON.stringify(sent)}`);
      });
    },
  };
}
