import type { InboundSink } from '@downcity/chat';
import type { Logger } from '@downcity/core';
import { normalizeEvent, type NormalizeContext } from './normalize-message.js';
import type { QqPayload } from './payload.js';

/** Options of {@link createDispatchHandler}. */
export interface DispatchHandlerOptions {
  /** Where messages go. */
  sink: InboundSink;
  /** The bot identity, read at each event (the gateway learns the bot user id on READY). */
  context(): NormalizeContext;
  /** Where skipped events are logged. */
  logger: Logger;
}

/**
 * Creates the handler both transports call for a dispatch (op 0). Message events are
 * normalized and handed to the sink; the returned promise resolves once the sink stored the
 * message (or said it is a duplicate), so the transport acknowledges only then. Unknown and
 * malformed events are logged and resolve at once: they are acknowledged and skipped. A sink
 * failure (or an `unavailable` rejection while the agent stops) rejects, so the transport does
 * not acknowledge and QQ redelivers.
 */
export function createDispatchHandler(options: DispatchHandlerOptions): (payload: QqPayload) => Promise<void> {
  return async (payload) => {
    const normalized = normalizeEvent(payload, options.context());
    if ('skipped' in normalized) {
      const level = normalized.skipped === 'malformed' ? 'warn' : 'debug';
      options.logger[level]({ eventType: payload.t, eventId: payload.id, reason: normalized.skipped }, 'QQ event skipped');
      return;
    }
    const { message } = normalized;
    const result = await options.sink.deliver(message);
    if (result.status === 'rejected' && result.code === 'unavailable') {
      // The agent is stopping: not acknowledging makes QQ deliver the event again later.
      throw new Error(`the chat service cannot take messages now: ${result.reason}`);
    }
    if (result.status === 'rejected') {
      options.logger.warn({ messageId: message.messageId, reason: result.reason }, 'QQ message rejected by the chat service');
    } else {
      options.logger.debug({ messageId: message.messageId, status: result.status }, 'QQ message delivered');
    }
  };
}
