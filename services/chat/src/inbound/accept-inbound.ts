import { injectTraceContext, toFieldProblems } from '@downcity/core';
import type { ChannelAdapter, DeliveryResult, InboundMessage, InboundSink } from '../channel/channel.js';
import { InboundMessageSchema } from '../channel/inbound-message-schema.js';
import { inboxIdOf, type InboxEntry } from '../inbox/inbox-entry.js';
import { SerialQueue } from '../queue/serial-queue.js';
import type { ChatRuntime } from '../service/chat-runtime.js';
import { defaultSessionId } from '../session/session-key.js';
import { resolveSessionId } from '../session/resolve-session-id.js';
import { traceReceive } from '../telemetry/chat-spans.js';
import { principalOf } from './route.js';
import { stopOnArrival } from './stop-on-arrival.js';

/** The validated message, or why it is refused before anything is stored. */
function refuse(runtime: ChatRuntime, adapter: ChannelAdapter, raw: unknown): Extract<DeliveryResult, { status: 'rejected' }> | InboundMessage {
  const parsed = InboundMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = toFieldProblems(parsed.error)
      .slice(0, 5)
      .map((problem) => `${problem.path}: ${problem.message}`)
      .join('; ');
    return { status: 'rejected', code: 'invalid', reason: `Malformed message: ${problems}` };
  }
  const message = parsed.data as InboundMessage;
  if (message.channel !== adapter.id || message.account !== adapter.account) {
    return { status: 'rejected', code: 'invalid', reason: `Message for channel "${message.channel}" account "${message.account}" delivered by "${adapter.id}" account "${adapter.account}".` };
  }
  const { maxInboundTextLength, maxAttachments } = runtime.config;
  if (message.text.length > maxInboundTextLength) {
    return { status: 'rejected', code: 'too-large', reason: `The text is ${message.text.length} characters; the limit is ${maxInboundTextLength} (services.chat.maxInboundTextLength).` };
  }
  if (message.attachments.length > maxAttachments) {
    return { status: 'rejected', code: 'too-large', reason: `The message has ${message.attachments.length} attachments; the limit is ${maxAttachments} (services.chat.maxAttachments).` };
  }
  return message;
}

/** Whether the bot should stay silent: a group message not addressed to it, or a message from a bot. */
function notAddressed(runtime: ChatRuntime, message: InboundMessage): boolean {
  if (runtime.config.ignoreBots && message.sender.isBot === true) return true;
  if (message.chat.type !== 'group' || !runtime.config.groups.requireMention) return false;
  return !message.mentions.self && message.replyTo?.fromSelf !== true;
}

/**
 * Creates the sink a channel delivers to. `deliver` validates the message, drops what is not addressed to the
 * bot, resolves the session, stores the message in the inbox (a duplicate id stores nothing) and queues it on its
 * session, in that order, one message of a conversation at a time. It resolves only after the message is durable,
 * so the channel acknowledges the platform only then. Each delivery runs in a `chat.receive` span whose trace
 * context is stored with the entry.
 */
export function createInboundSink(runtime: ChatRuntime, adapter: ChannelAdapter): InboundSink {
  const conversations = new SerialQueue();
  const sink: InboundSink = {
    async deliver(raw) {
      if (runtime.context.signal.aborted) return { status: 'rejected', code: 'unavailable', reason: 'The agent is stopping; deliver the message again after it restarts.' };
      const checked = refuse(runtime, adapter, raw);
      if ('status' in checked) return checked;
      const message = checked;
      if (notAddressed(runtime, message)) {
        settleIgnored(adapter, message);
        return { status: 'accepted' };
      }
      const fallbackId = defaultSessionId(message, adapter.capabilities.privateSessions ? 'user' : runtime.config.scope);
      return conversations.run(fallbackId, async () => {
        const sessionId = await resolveSessionId(runtime, message, principalOf(message), fallbackId);
        const id = inboxIdOf(message);
        const now = Date.now();
        const trace = injectTraceContext();
        const entry: InboxEntry = { status: 'pending', sessionId, message, receivedAt: now, updatedAt: now, ...(trace ? { trace } : {}) };
        if (!(await runtime.scheduler.admit(id, entry))) return { status: 'duplicate' };
        stopOnArrival(runtime.stops, message, { sessionId, inboxId: id });
        return { status: 'accepted', sessionId };
      });
    },
  };
  return { deliver: (raw) => traceReceive(adapter, raw, () => sink.deliver(raw)) };
}

function settleIgnored(adapter: ChannelAdapter, message: InboundMessage): void {
  try {
    adapter.settled?.({ messageId: message.messageId, status: 'ignored' });
  } catch {
    // settled must not throw; a faulty adapter cannot break delivery.
  }
}
