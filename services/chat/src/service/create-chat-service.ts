import { DowncityError, ErrorCodes, defineService, type ExecutionContext, type HttpSurface, type ServiceDefinition, type ServiceInstance } from '@downcity/core';
import { createHttpSurface } from '@downcity/http';
import pkg from '../../package.json' with { type: 'json' };
import { channelsAction } from '../actions/channels-action.js';
import { historyAction } from '../actions/history-action.js';
import { httpTokenCreateAction } from '../actions/http-token-create-action.js';
import { httpTokenListAction } from '../actions/http-token-list-action.js';
import { httpTokenVerifyAction } from '../actions/http-token-verify-action.js';
import { httpTokenRevokeAction } from '../actions/http-token-revoke-action.js';
import { registerCommandAction } from '../actions/register-command-action.js';
import { sendAction } from '../actions/send-action.js';
import { sessionsAction } from '../actions/sessions-action.js';
import { stopAction } from '../actions/stop-action.js';
import type { ChannelDefinition } from '../channel/channel.js';
import { USER_TOKENS_COLLECTION, UserTokenStore } from '../channels/http/credentials/user-token-store.js';
import { builtinCommands } from '../commands/builtin-commands.js';
import type { ChatCommand } from '../commands/chat-command.js';
import { CommandRegistry } from '../commands/command-registry.js';
import { stopCommand } from '../commands/stop-command.js';
import { chatConfigSchema, type ChatConfig } from '../config.js';
import { Inbox } from '../inbox/inbox.js';
import { Outbox } from '../inbox/outbox.js';
import { pruneInbox } from '../inbox/prune-inbox.js';
import { recoverInbox } from '../inbox/recover.js';
import { createInboundSink } from '../inbound/accept-inbound.js';
import { processInbound } from '../inbound/process-inbound.js';
import { RunningTurns } from '../queue/running-turns.js';
import { ClusterTurnQueue } from '../queue/cluster-turn-queue.js';
import type { ProcessEntry } from '../queue/turn-queue.js';
import { TurnScheduler } from '../queue/turn-scheduler.js';
import { TurnStops } from '../queue/turn-stops.js';
import { KnownRoutes } from '../session/open-chat-session.js';
import { channelCollection } from './channel-collection.js';
import { ChannelHub } from './channel-hub.js';
import { createChannelHost } from './channel-host.js';
import type { ChatRuntime } from './chat-runtime.js';

/** Options for {@link createChatService}. */
export interface ChatServiceOptions {
  /** The channels that may run; each runs only when `services.chat.channels.<id>` is set. */
  channels?: readonly ChannelDefinition[];
  /** Extra chat commands, besides `/help`, `/reset`, `/status` and `/stop`. */
  commands?: readonly ChatCommand[];
}

const HOUR = 3_600_000;

function checkChannels(channels: readonly ChannelDefinition[]): void {
  const seen = new Set<string>();
  for (const channel of channels) {
    if (seen.has(channel.id)) throw new DowncityError(ErrorCodes.CONFIG_INVALID, `Two channels share the id "${channel.id}" in createChatService({ channels }); pass each channel once.`);
    seen.add(channel.id);
  }
}

/** The agent's HTTP surface, or (for an agent created without one) a surface of the chat service's own on 127.0.0.1:8787, closed on stop. */
function surfaceFor(context: ExecutionContext<unknown>): HttpSurface {
  if (context.http) return context.http;
  const own = createHttpSurface({ logger: context.logger });
  context.onDispose(() => own.close());
  return own;
}

async function setUpChat(context: ExecutionContext<ChatConfig>, options: ChatServiceOptions): Promise<ServiceInstance> {
  const config = context.config;
  const commands = new CommandRegistry();
  const turns = new RunningTurns();
  const stops = new TurnStops({ turns, cluster: context.cluster, stoppers: context.storage.collection('stoppers'), logger: context.logger });
  for (const command of [...builtinCommands, stopCommand(stops)]) commands.add(command, 'chat');
  for (const command of options.commands ?? []) commands.add(command, 'createChatService');

  let markReady: () => void = () => {};
  let failReady: (error: unknown) => void = () => {};
  const channelsReady = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  channelsReady.catch(() => {});

  const hub = new ChannelHub({
    context,
    definitions: options.channels ?? [],
    entries: config.channels,
    hostFor: (channelId) => createChannelHost(context.session, channelId),
    http: surfaceFor(context),
  });
  const inbox = new Inbox(context.storage);
  const process: ProcessEntry = (id, entry, processOptions) => processInbound(runtime, id, entry, processOptions);
  const runtime: ChatRuntime = {
    context,
    config,
    inbox,
    outbox: new Outbox(context.storage),
    hub,
    commands,
    knownRoutes: new KnownRoutes(),
    channelsReady,
    turns,
    stops,
    scheduler: context.cluster
      ? new ClusterTurnQueue({ cluster: context.cluster, session: context.session, inbox, process, signal: context.signal, logger: context.logger })
      : new TurnScheduler({ session: context.session, inbox, logger: context.logger, process }),
  };
  await hub.create();
  const httpTokens = new UserTokenStore(channelCollection(context.storage, 'http', USER_TOKENS_COLLECTION));

  return {
    actions: {
      send: sendAction(runtime),
      sessions: sessionsAction(runtime),
      history: historyAction(runtime),
      'register-command': registerCommandAction(runtime),
      channels: channelsAction(runtime),
      stop: stopAction(runtime),
      'http-token-create': httpTokenCreateAction(runtime, httpTokens),
      'http-token-revoke': httpTokenRevokeAction(httpTokens),
      'http-token-list': httpTokenListAction(httpTokens),
      'http-token-verify': httpTokenVerifyAction(httpTokens),
    },
    // Adapters other services created (the console's web chat) join once every package is set up.
    start: async () => {
      await stops.start();
      context.onDispose(() => stops.stop());
      if (context.plugins.count('chat/channels') > 0) hub.contribute(await context.plugins.pipeline('chat/channels', { adapters: [] }));
    },
    // Channels connect in `ready`, after every service has started, so commands other services
    // register in their `start` (shell's /approve) are in place before the first message arrives.
    ready: async () => {
      try {
        // Recovered messages are queued before any channel connects, so they keep their place ahead of new
        // messages; their jobs wait for channelsReady (some adapters learn their account only on connect).
        // In a cluster every stored message has its durable job; one process recovering the inbox would race the others.
        if (!context.cluster) await recoverInbox({ inbox: runtime.inbox, enqueue: (id, entry) => runtime.scheduler.enqueue(id, entry, { recovered: true }), logger: context.logger });
        await hub.connect((adapter) => createInboundSink(runtime, adapter));
        markReady();
      } catch (error) {
        failReady(error);
        throw error;
      }
      const prune = (): void =>
        void pruneInbox({ inbox: runtime.inbox, outbox: runtime.outbox, retentionMs: config.inboxRetentionHours * HOUR, logger: context.logger }).catch((error: unknown) =>
          context.logger.warn({ err: error }, 'pruning the inbox failed'),
        );
      prune();
      const timer = setInterval(prune, HOUR);
      timer.unref();
      context.onDispose(() => clearInterval(timer));
    },
  };
}

/**
 * Creates the chat service with the given channels and extra commands. The service owns the chat main path:
 * a channel delivers a message, the service stores it durably, resolves its session and answers it in order
 * (authorize guard → inbound pipeline → command or model turn → before-reply pipeline → split and send →
 * after-reply effect).
 *
 * @example
 * ```ts
 * import { createAgent } from '@downcity/core';
 * import { createChatService, httpChannel } from '@downcity/chat';
 * import { telegramChannel } from '@downcity/channel-telegram';
 *
 * const agent = createAgent({
 *   model: 'openai:gpt-4o-mini',
 *   services: [createChatService({ channels: [httpChannel, telegramChannel] })],
 *   config: { services: { chat: { channels: { http: { token: process.env.HTTP_TOKEN } } } } },
 * });
 * await agent.start();
 * ```
 */
export function createChatService(options: ChatServiceOptions = {}): ServiceDefinition {
  const channels = options.channels ?? [];
  checkChannels(channels);
  return defineService({
    package: pkg,
    config: chatConfigSchema(channels),
    setup: (context) => setUpChat(context as ExecutionContext<ChatConfig>, { ...options, channels }),
  });
}
