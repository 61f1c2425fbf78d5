import type { Logger } from '@downcity/core';
import type { ChannelAdapter, OutboundTarget } from '../channel/channel.js';

/**
 * Shows the channel's typing indicator now and every `intervalMs` until the returned function is called.
 * Failures are logged at debug level and never affect the reply.
 */
export function startTyping(adapter: ChannelAdapter, target: OutboundTarget, intervalMs: number, logger: Logger): () => void {
  if (!adapter.capabilities.typing || !adapter.typing) return () => {};
  const show = (): void => {
    adapter.typing?.(target).catch((error: unknown) => logger.debug({ err: error, channel: adapter.id }, 'typing indicator failed'));
  };
  show();
  const timer = setInterval(show, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
