import type { Principal } from '@downcity/core';
import type { InboundMessage } from '../channel/channel.js';
import type { ChatRuntime } from '../service/chat-runtime.js';

const SESSION_ID = /^[\p{L}\p{N}_.:@+\-/]{1,256}$/u;

/**
 * Asks the `chat/session` resolve point which session a message runs in; without a provider the
 * deterministic default wins. A provider that fails or answers an invalid id is logged and the default used,
 * so an identity-mapping bug never loses a message.
 */
export async function resolveSessionId(runtime: ChatRuntime, message: InboundMessage, principal: Principal, fallbackId: string): Promise<string> {
  const { plugins, logger } = runtime.context;
  if (plugins.count('chat/session') === 0) return fallbackId;
  try {
    const answer = await plugins.resolve('chat/session', { message, principal, scope: runtime.config.scope, defaultSessionId: fallbackId }, () => fallbackId);
    if (typeof answer === 'string' && SESSION_ID.test(answer)) return answer;
    logger.error({ answer: String(answer).slice(0, 80) }, 'chat/session answered an invalid session id; using the default');
  } catch (error) {
    logger.error({ err: error }, 'chat/session failed; using the default session id');
  }
  return fallbackId;
}
