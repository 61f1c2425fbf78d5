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
  /**
   * How the channel established who this is, so identity providers can weigh it:
   *
   * - `platform`: the chat platform authenticated the sender (Telegram, Feishu, QQ, the terminal).
   * - `user-credential`: a credential issued to this one user (an HTTP per-user token, or a
   *   user assertion signed by the operator's backend).
   * - `shared-credential`: a credential several clients hold (the HTTP channel's `token`). It proves
   *   only that the caller holds the credential, not which person speaks, so such a principal is
   *   never an owner or an admin (`@downcity/auth` enforces this).
   *
   * - `operator`: the agent's operator, proven by access only they have: a sign-in to the web console
   *   (its one-time link comes from the agent's 0600 control socket). Identity providers treat such a
   *   principal as an owner. Only a channel whose every sender is the operator sets it (the console's
   *   `web` channel); a channel for other people must never.
   *
   * Absent means the channel did not say; treat it as `platform`.
   */
  authenticatedBy?: 'platform' | 'user-credential' | 'shared-credential' | 'operator';
}
