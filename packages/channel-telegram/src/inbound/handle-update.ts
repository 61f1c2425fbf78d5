import type { InboundSink } from '@downcity/chat';
import type { Logger } from '@downcity/core';
import type { BotIdentity } from './bot-identity.js';
import { readUpdate } from './read-update.js';

/** What {@link handleUpdate} needs. */
export interface HandleUpdateOptions {
  /** The bot, from `getMe`. */
  bot: BotIdentity;
  /** Where messages go. */
  sink: InboundSink;
  /** Where skips are reported. */
  logger: Logger;
}

/**
 * Normalizes one raw update and delivers it. Resolves once the message is stored (or the update was
 * skipped, which is logged): only then may the update be acknowledged to Telegram. Rejects when the
 * sink fails or answers `unavailable` (the agent is stopping), so the caller does not acknowledge and
 * Telegram sends the update again.
 */
export async function handleUpdate(raw: unknown, options: HandleUpdateOptions): Promise<void> {
  const reading = readUpdate(raw, { bot: options.bot });
  if (reading.kind === 'skip') {
    const fields = { updateId: reading.updateId, reason: reading.reason };
    if (reading.malformed) options.logger.warn(fields, 'Skipped a malformed Telegram update');
    else options.logger.debug(fields, 'Skipped a Telegram update this channel does not handle');
    return;
  }
  const result = await options.sink.deliver(reading.message);
  const fields = { updateId: reading.updateId, messageId: reading.message.messageId };
  if (result.status === 'rejected' && result.code === 'unavailable') throw new Error(`the chat service cannot take messages right now: ${result.reason}`);
  if (result.status === 'rejected') options.logger.info({ ...fields, reason: result.reason }, 'The chat service rejected a Telegram message');
  else if (result.status === 'duplicate') options.logger.debug(fields, 'Telegram message already stored');
}
