/**
 * Who an operation runs on behalf of: the platform-authenticated sender of a message, or the
 * owner of a task. Set by the service that received the input; the model can never change it.
 */
export interface Principal {
  /** A stable id across the agent, e.g. `telegram:123456` or `http:alice`. */
  id: string;
  /** The channel the principal was seen on. */
  channel?: string;
  /** The account (bot) on that channel. */
  account?: string;
  /** A display name, for logs and prompts. Not an identity. */
  displayName?: string;
  /** Whether the conversation is a direct message or a group. */
  conversation?: 'direct' | 'group';
}
