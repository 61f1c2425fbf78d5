import type { ExecutionContext } from '@downcity/core';
import type { CommandRegistry } from '../commands/command-registry.js';
import type { ChatConfig } from '../config.js';
import type { Inbox } from '../inbox/inbox.js';
import type { Outbox } from '../inbox/outbox.js';
import type { RunningTurns } from '../queue/running-turns.js';
import type { TurnStops } from '../queue/turn-stops.js';
import type { TurnQueue } from '../queue/turn-queue.js';
import type { KnownRoutes } from '../session/open-chat-session.js';
import type { ChannelHub } from './channel-hub.js';

/** Everything the chat main path shares: built once per agent start by the chat service's setup. */
export interface ChatRuntime {
  /** The chat service's execution context. */
  context: ExecutionContext<ChatConfig>;
  /** The validated config (`context.config`). */
  config: ChatConfig;
  /** Inbound messages, durably. */
  inbox: Inbox;
  /** Outbound chunks, durably. */
  outbox: Outbox;
  /** The running channels. */
  hub: ChannelHub;
  /** The chat commands. */
  commands: CommandRegistry;
  /** Per-session queues of inbound messages: in memory, or a cluster's durable jobs. */
  scheduler: TurnQueue;
  /** The model turns running now, so they can be stopped. */
  turns: RunningTurns;
  /** Stops turns here or, in a cluster, on the worker running them. */
  stops: TurnStops;
  /** Sessions already opened with their current route. */
  knownRoutes: KnownRoutes;
  /** Resolves once every channel is connected; jobs wait for it so recovered messages can be answered. */
  channelsReady: Promise<void>;
}
