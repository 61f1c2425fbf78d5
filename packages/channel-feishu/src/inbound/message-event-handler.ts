import type { InboundSink } from '@downcity/chat';
import type { Logger } from '@downcity/core';
import { RecentEventIds } from './recent-event-ids.js';
import { ReceiveEventSchema, type ReceiveEvent } from './receive-event.js';
import { toInboundMessage, type InboundContext } from './to-inbound-message.js';

/** Options for {@link createMessageEventHandler}. */
export interface MessageEventHandlerOptions {
  /** Where messages go. */
  sink: InboundSink;
  /** Bot facts for building messages. */
  context: InboundContext;
  /** How many event_ids to remember. */
  recentEventIds: number;
  /** Channel logger. */
  logger: Logger;
}

/**
 * Handles one `im.message.receive_v1` event from either transport. Resolves once the message is
 * durably stored (or the event is skipped), so the caller acknowledges only then; rejects when
 * delivery failed, so the platform redelivers. Malformed events are logged and skipped.
 */
export function createMessageEventHandler(options: MessageEventHandlerOptions): (data: unknown) => Promise<void> {
  const recent = new RecentEventIds(options.recentEventIds);
  const inFlight = new Map<string, Promise<void>>();
  const { logger } = options;

  const handle = async (event: ReceiveEvent): Promise<void> => {
    const eventId = event.event_id;
    const built = toInboundMessage(event, options.context);
    if ('skip' in built) {
      logger.debug({ eventId, reason: built.skip }, 'Feishu message skipped');
    } else {
      const result = await options.sink.deliver(built.message);
      if (result.status === 'rejected' && result.code === 'unavailable') {
        // The agent is stopping: leave the event unacknowledged so Feishu redelivers it.
        throw new Error(`chat service unavailable: ${result.reason}`);
      }
      if (result.status === 'rejected') logger.warn({ eventId, reason: result.reason }, 'Feishu message rejected by the chat service');
      logger.debug({ eventId, messageId: built.message.messageId, status: result.status }, 'Feishu message delivered');
    }
    recent.add(eventId);
  };

  return async (data) => {
    const parsed = ReceiveEventSchema.safeParse(data);
    if (!parsed.success) {
      logger.warn({ issues: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`) }, 'Malformed Feishu im.message.receive_v1 event; skipped');
      return;
    }
    const eventId = parsed.data.event_id;
    if (recent.has(eventId)) {
      logger.debug({ eventId }, 'Duplicate Feishu event; skipped');
      return;
    }
    const running = inFlight.get(eventId);
    if (running) {
      logger.debug({ eventId }, 'Duplicate Feishu event while the first is in flight; waiting for it');
      return running;
    }
    const delivery = handle(parsed.data).finally(() => inFlight.delete(eventId));
    inFlight.set(eventId, delivery);
    return delivery;
  };
}
