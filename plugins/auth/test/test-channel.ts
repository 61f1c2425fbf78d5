import { randomUUID } from 'node:crypto';
import { defineChannel, type ChannelAdapter, type InboundOutcome, type InboundSink } from '@downcity/chat';
import type { Principal } from '@downcity/core';
import { z } from 'zod';

/** A message as a test sends it. */
export interface TestSend {
  /** The platform user id; the principal becomes `<channel>:<userId>`. */
  userId: string;
  /** The text. */
  text: string;
  /** Direct (default) or group. */
  chat?: 'direct' | 'group';
  /** A display name: not an identity. */
  displayName?: string;
  /** How the channel authenticated the sender (default: not stated, i.e. the platform). */
  authenticatedBy?: Principal['authenticatedBy'];
}

/**
 * A test channel (id `telegram` by default) that delivers messages and returns how the chat service settled them.
 * `sharedPrincipals` are the ids it declares as authenticated only by a shared credential.
 */
export function createTestChannel(id = 'telegram', options: { sharedPrincipals?: readonly string[] } = {}) {
  let sink: InboundSink | undefined;
  let counter = 0;
  const waiting = new Map<string, (outcome: InboundOutcome) => void>();

  const adapter: ChannelAdapter = {
    id,
    account: 'bot',
    capabilities: { maxTextLength: 4096, typing: false, attachments: false, streaming: false },
    ...(options.sharedPrincipals ? { sharedPrincipals: options.sharedPrincipals } : {}),
    async connect(given) {
      sink = given;
    },
    async disconnect() {
      sink = undefined;
    },
    async send() {
      return { messageId: `out-${(counter += 1)}` };
    },
    settled(outcome) {
      waiting.get(outcome.messageId)?.(outcome);
      waiting.delete(outcome.messageId);
    },
  };

  return {
    definition: defineChannel({ id, config: z.strictObject({}), create: () => adapter }),
    /** Delivers a message and resolves with its outcome (status and the reply text, '' when nothing was sent). */
    async send(input: TestSend): Promise<{ status: InboundOutcome['status']; reply: string }> {
      if (!sink) throw new Error('the test channel is not connected');
      const messageId = `in-${randomUUID()}`;
      const settled = new Promise<InboundOutcome>((resolve) => waiting.set(messageId, resolve));
      const group = input.chat === 'group';
      const result = await sink.deliver({
        channel: id,
        account: 'bot',
        messageId,
        chat: { id: group ? 'group-1' : `dm-${input.userId}`, type: group ? 'group' : 'direct' },
        sender: { id: input.userId, ...(input.displayName ? { displayName: input.displayName } : {}), ...(input.authenticatedBy ? { authenticatedBy: input.authenticatedBy } : {}) },
        text: input.text,
        attachments: [],
        mentions: { self: true, userIds: [] },
        sentAt: Date.now(),
      });
      if (result.status !== 'accepted') throw new Error(`delivery ${result.status}`);
      const outcome = await settled;
      return { status: outcome.status, reply: outcome.reply?.text ?? '' };
    },
  };
}
