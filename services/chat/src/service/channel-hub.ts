import { DowncityError, ErrorCodes, parseWithSchema, redactSecrets, type ExecutionContext, type HttpSurface, type JsonObject, type PackageCluster } from '@downcity/core';
import type { ChannelAdapter, ChannelDefinition, ChannelHost, InboundSink } from '../channel/channel.js';
import { channelCollection } from './channel-collection.js';
import { channelEvents } from './channel-events.js';

/** A running channel: its adapter and where it came from. */
export interface RunningChannel {
  /** The configured definition it came from; absent for an adapter contributed through `chat/channels`. */
  definition?: ChannelDefinition;
  /** The adapter. */
  adapter: ChannelAdapter;
  /** Whether `connect` has completed. */
  connected: boolean;
  /** Whether it can send: connected, or prepared on a worker that does not hold its connection (in a cluster). */
  sendable: boolean;
  /** In a cluster, for a `connection` channel: whether this worker holds its lease (and so its connection). */
  holder?: boolean;
  /** When the channel last delivered a message, epoch milliseconds. */
  lastEventAt?: number;
  /** The last failure answering one of its messages (the message redacted of registered secrets). */
  lastError?: { at: number; message: string };
}

/** A running channel as `chat/channels` describes it. */
export interface ChannelDescription {
  id: string;
  account: string;
  connected: boolean;
  capabilities: JsonObject;
  info: JsonObject;
  sharedPrincipals: string[];
  /** When it last delivered a message (ISO 8601), if it did since the agent started. */
  lastEventAt?: string;
  /** In a cluster, for a channel with one long-lived connection: whether this worker holds it. */
  connectionHeldHere?: boolean;
  /** Its last failure since the agent started: when, and what went wrong. */
  lastError?: { at: string; message: string };
}

const CHANNEL_ID = /^[a-z][a-z0-9-]{0,31}$/;
const METHODS = ['connect', 'disconnect', 'send'] as const;

/** Why a contributed adapter cannot run, or `undefined` when it looks like a {@link ChannelAdapter}. */
function adapterProblem(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null) return 'it is not an object';
  const adapter = candidate as Partial<Record<string, unknown>>;
  if (typeof adapter.id !== 'string' || !CHANNEL_ID.test(adapter.id)) return `its id ${JSON.stringify(adapter.id)} is not 1-32 lowercase letters, digits or "-" starting with a letter`;
  if (typeof adapter.account !== 'string' || adapter.account === '') return 'its account is not a non-empty string';
  const capabilities = adapter.capabilities as Partial<Record<string, unknown>> | undefined;
  if (typeof capabilities?.maxTextLength !== 'number' || capabilities.maxTextLength < 1) return 'its capabilities.maxTextLength is not a positive number';
  const missing = METHODS.filter((method) => typeof adapter[method] !== 'function');
  if (missing.length > 0) return `it has no ${missing.join(', ')} method`;
  return undefined;
}

/** What the hub needs from the chat service. */
export interface ChannelHubOptions {
  /** The chat service's context. */
  context: ExecutionContext<unknown>;
  /** Installed channel definitions. */
  definitions: readonly ChannelDefinition[];
  /** `services.chat.channels`, validated. */
  entries: Record<string, unknown>;
  /** Builds the host a channel gets. */
  hostFor: (channelId: string) => ChannelHost;
  /** The HTTP surface channels mount their routes on. */
  http: HttpSurface;
}

/** How long a `connection` channel that failed to connect while holding its lease waits before it tries again. */
const RETRY_CONNECT_MS = 5_000;

/** Creates, connects and disconnects the configured channels, and finds the adapter for a message. */
export class ChannelHub {
  readonly #options: ChannelHubOptions;
  readonly #running: RunningChannel[] = [];

  /** Prepares the hub; nothing is created until {@link ChannelHub.create}. */
  constructor(options: ChannelHubOptions) {
    this.#options = options;
  }

  /** Creates an adapter for every channel whose config entry is present and not `false`. */
  async create(): Promise<void> {
    const { context, definitions, entries } = this.#options;
    for (const definition of definitions) {
      const entry = entries[definition.id];
      if (entry === undefined || entry === false) continue;
      const config =
        entry === true
          ? parseWithSchema(definition.config, {}, { code: ErrorCodes.CONFIG_INVALID, subject: `config for channel "${definition.id}"`, root: `services.chat.channels.${definition.id}` })
          : entry;
      const adapter = await definition.create({
        config,
        logger: context.logger.child({ channel: definition.id }),
        signal: context.signal,
        dataDir: context.dataDir,
        env: context.env,
        host: this.#options.hostFor(definition.id),
        collection: (name) => channelCollection(context.storage, definition.id, name),
        http: this.#options.http,
        ...(context.cluster ? { events: channelEvents(context.cluster, definition.id) } : {}),
      });
      if (adapter.id !== definition.id) {
        throw new DowncityError(ErrorCodes.INTERNAL, `Channel "${definition.id}" created an adapter with id "${adapter.id}"; they must match.`);
      }
      this.#running.push({ definition, adapter, connected: false, sendable: false });
    }
  }

  /**
   * Adds the adapters other packages contributed through the `chat/channels` pipeline (its final value). They
   * run like configured channels: connected by {@link ChannelHub.connect}, listed, found for replies.
   *
   * @throws `DowncityError` `CONFIG_INVALID` naming the problem when the value or an adapter is malformed, or an
   *   id is taken by a configured or another contributed channel.
   */
  contribute(value: unknown): void {
    const adapters = (value as { adapters?: unknown } | undefined)?.adapters;
    if (!Array.isArray(adapters)) {
      throw new DowncityError(
        ErrorCodes.CONFIG_INVALID,
        'A "chat/channels" handler returned something other than { adapters: [...] }. Return the value it received with your adapter added: (value) => ({ adapters: [...value.adapters, adapter] }).',
      );
    }
    for (const adapter of adapters as unknown[]) {
      const problem = adapterProblem(adapter);
      if (problem) throw new DowncityError(ErrorCodes.CONFIG_INVALID, `A channel adapter contributed through "chat/channels" cannot run: ${problem}.`);
      const { id } = adapter as ChannelAdapter;
      if (this.#options.definitions.some((definition) => definition.id === id) || this.#running.some((running) => running.adapter.id === id)) {
        throw new DowncityError(ErrorCodes.CONFIG_INVALID, `A channel adapter contributed through "chat/channels" uses the id "${id}", which another channel already has. Give it an id of its own.`);
      }
      this.#running.push({ adapter: adapter as ChannelAdapter, connected: false, sendable: false });
    }
  }

  /**
   * Connects every adapter, each with its own sink; registers a disconnect for each with the context. In a
   * cluster, a `connection` adapter is only prepared here; it connects on whichever worker holds its lease.
   */
  async connect(sinkFor: (adapter: ChannelAdapter) => InboundSink): Promise<void> {
    const { context } = this.#options;
    for (const channel of this.#running) {
      context.onDispose(async () => {
        channel.sendable = false;
        if (!channel.connected) return;
        channel.connected = false;
        await channel.adapter.disconnect();
      });
      const sink = this.#counting(channel, sinkFor(channel.adapter));
      if (context.cluster && channel.adapter.receives === 'connection') {
        await this.#prepare(channel);
        this.#compete(context.cluster, channel, sink);
        continue;
      }
      await channel.adapter.connect(sink);
      channel.connected = true;
      channel.sendable = true;
      context.logger.info({ channel: channel.adapter.id, account: channel.adapter.account }, 'channel connected');
    }
  }

  #counting(channel: RunningChannel, sink: InboundSink): InboundSink {
    return {
      deliver: (message) => {
        channel.lastEventAt = Date.now();
        return sink.deliver(message);
      },
    };
  }

  async #prepare(channel: RunningChannel): Promise<void> {
    const { adapter } = channel;
    if (!adapter.prepare) {
      throw new DowncityError(
        ErrorCodes.CONFIG_INVALID,
        `Channel "${adapter.id}" holds a long-lived connection but has no prepare(), so it cannot run in a cluster. Use its webhook mode, or run one worker.`,
      );
    }
    await adapter.prepare();
    channel.sendable = true;
  }

  /** Competes for the channel's lease: the holder connects, and disconnects when it loses the lease. */
  #compete(cluster: PackageCluster, channel: RunningChannel, sink: InboundSink): void {
    const { context } = this.#options;
    const { adapter } = channel;
    const release = cluster.hold(`connection/${adapter.id}:${adapter.account}`, {
      acquired: async () => {
        try {
          await adapter.connect(sink);
        } catch (error) {
          context.logger.warn({ err: error, channel: adapter.id }, 'connecting the channel on this worker failed; its lease is given back');
          // Let another worker (or this one, later) try: holding on at once would spin on a broken connection.
          await new Promise((resolve) => setTimeout(resolve, RETRY_CONNECT_MS).unref());
          throw error;
        }
        channel.connected = true;
        channel.holder = true;
        context.logger.info({ channel: adapter.id, account: adapter.account, workerId: cluster.workerId }, 'channel connected on this worker (it holds the connection lease)');
      },
      lost: async () => {
        channel.holder = false;
        if (!channel.connected) return;
        channel.connected = false;
        try {
          await adapter.disconnect();
        } catch (error) {
          context.logger.warn({ err: error, channel: adapter.id }, 'disconnecting the channel after losing its lease failed');
        }
        context.logger.info({ channel: adapter.id, account: adapter.account }, 'channel connection handed over (this worker lost its lease)');
      },
    });
    context.onDispose(release);
  }

  /** The adapter that can send for a channel (and account, when given): connected, or prepared in a cluster. */
  find(channel: string, account?: string): ChannelAdapter | undefined {
    return this.#running.find((entry) => entry.sendable && entry.adapter.id === channel && (account === undefined || entry.adapter.account === account))?.adapter;
  }

  /**
   * Remembers that answering a message of this channel failed, for `chat/channels` (the console's health page).
   *
   * @param adapter - the channel's adapter
   * @param error - what went wrong
   */
  noteError(adapter: ChannelAdapter, error: unknown): void {
    const channel = this.#running.find((entry) => entry.adapter === adapter);
    if (channel) channel.lastError = { at: Date.now(), message: redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, 500) };
  }

  /** Every running channel with its public runtime facts. */
  describe(): ChannelDescription[] {
    return this.#running.map(({ adapter, connected, holder, lastEventAt, lastError }) => ({
      id: adapter.id,
      account: adapter.account,
      connected,
      capabilities: { ...adapter.capabilities },
      info: adapter.info?.() ?? {},
      sharedPrincipals: [...(adapter.sharedPrincipals ?? [])],
      ...(holder === undefined ? {} : { connectionHeldHere: holder }),
      ...(lastEventAt === undefined ? {} : { lastEventAt: new Date(lastEventAt).toISOString() }),
      ...(lastError === undefined ? {} : { lastError: { at: new Date(lastError.at).toISOString(), message: lastError.message } }),
    }));
  }
}
