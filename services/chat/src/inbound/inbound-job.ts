import type { Principal } from '@downcity/core';
import type { ChannelAdapter } from '../channel/channel.js';
import type { InboxEntry } from '../inbox/inbox-entry.js';
import type { ChatMessage } from '../message/chat-message.js';
import type { ChatRuntime } from '../service/chat-runtime.js';

/** One inbox entry being answered, with the messages merged into its turn. */
export interface InboundJob {
  /** The shared runtime. */
  runtime: ChatRuntime;
  /** The inbox id. */
  id: string;
  /** The entry; updated in place and saved at each step. */
  entry: InboxEntry;
  /** The channel the message came from (and the reply goes to). */
  adapter: ChannelAdapter;
  /** Later messages of the same conversation merged into this turn (`mergeQueued`), oldest first. */
  followers: { id: string; entry: InboxEntry }[];
  /** The message the reply answers: the newest of the batch, after the inbound pipeline when it ran. */
  answering: ChatMessage;
  /** The sender of {@link InboundJob.answering}. */
  principal: Principal;
  /** Whether this job stored the reply itself (so no chunk of it was attempted before). */
  replyStoredHere?: boolean;
}
