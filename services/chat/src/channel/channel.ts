import type { MessageUsage } from '../message/message-usage.js';
import type { Collection, HttpSurface, JsonObject, JsonValue, Logger, Principal } from '@downcity/core';
import type { z } from 'zod';

/** An attachment on an inbound message. Plain data: bytes are fetched lazily with {@link ChannelAdapter.download}. */
export interface InboundAttachment {
  /** What it is. `voice` is a recorded voice note; `audio` an audio file. */
  kind: 'voice' | 'audio' | 'image' | 'video' | 'file';
  /** The platform's id for the file (Telegram file_id, Feishu file_key, QQ url...). */
  id: string;
  /** MIME type when known, e.g. `audio/ogg`. */
  mimeType?: string;
  /** File name when known. */
  fileName?: string;
  /** Size in bytes when known. */
  size?: number;
  /** Duration in seconds for audio and video, when known. */
  durationSeconds?: number;
  /** Inline bytes, base64, for channels that receive the file in the request (HTTP). Small files only. */
  dataBase64?: string;
}

/** A message as a channel delivers it, normalized across platforms. */
export interface InboundMessage {
  /** The channel id, e.g. `telegram`. */
  channel: string;
  /** The bot account on that channel (bot id, app id). */
  account: string;
  /** The platform's message id; the deduplication key together with channel and account. */
  messageId: string;
  /** The conversation. */
  chat: {
    /** Platform chat id. */
    id: string;
    /** Direct message or group. */
    type: 'direct' | 'group';
    /** Thread / topic id, when the platform has threads. */
    threadId?: string;
    /** Group title, when known. */
    title?: string;
  };
  /** Who sent it, as the platform authenticated them. */
  sender: {
    /** Platform user id. */
    id: string;
    /** Display name. Not an identity. */
    displayName?: string;
    /** Whether the sender is a bot. */
    isBot?: boolean;
    /**
     * How the channel established who the sender is; copied to the principal (see `Principal.authenticatedBy`).
     * Platform channels leave it out. The HTTP channel sets `user-credential` or `shared-credential`; the
     * console's web channel, whose only sender is the signed-in operator, sets `operator`.
     */
    authenticatedBy?: Principal['authenticatedBy'];
  };
  /** The text (caption for media), without the leading bot mention. */
  text: string;
  /** Attachments. */
  attachments: InboundAttachment[];
  /** Mentions: whether the bot itself was mentioned, and other mentioned user ids. */
  mentions: { self: boolean; userIds: string[] };
  /** The message this one replies to, when any. */
  replyTo?: { messageId: string; text?: string; fromSelf?: boolean };
  /** Platform send time, epoch milliseconds. */
  sentAt: number;
  /** Channel-specific extras a channel needs to reply (e.g. QQ's msg_seq base, Feishu's root id). JSON only. */
  extra?: JsonObject;
}

/** Where a reply goes. */
export interface OutboundTarget {
  /** Platform chat id. */
  chatId: string;
  /** Thread / topic, when any. */
  threadId?: string;
  /** The platform message id to reply to (quote / passive reply). */
  replyToMessageId?: string;
  /** Channel-specific extras copied from the inbound message. */
  extra?: JsonObject;
  /**
   * The inbound message this reply answers, whether or not it is quoted. Channels that match replies
   * to open requests (HTTP) use it; `undefined` for messages the agent starts (`chat/send`).
   */
  inboundMessageId?: string;
}

/** An outbound attachment. */
export interface OutboundAttachment {
  /** What it is. */
  kind: 'image' | 'audio' | 'file';
  /** The bytes. */
  data: Uint8Array;
  /** File name. */
  fileName: string;
  /** MIME type. */
  mimeType?: string;
}

/** One outbound message chunk; its text already fits the channel's limit. */
export interface OutboundMessage {
  /** Plain text (Markdown-ish); the adapter escapes it for the platform's parse mode. */
  text: string;
  /** Attachments to send with or after the text. */
  attachments?: OutboundAttachment[];
  /** The index of this chunk within the reply (0-based) and the chunk count. */
  part?: { index: number; count: number };
  /**
   * A key that stays the same for this chunk of this reply across retries, restarts and workers
   * (`<inbox id>:<chunk index>`, or `send:<id>:<chunk index>` for `chat/send`). A channel whose platform drops a
   * repeated send carrying the same key (Feishu's `uuid`) derives that key from it; see
   * {@link ChannelAdapter.sendIsIdempotent}.
   */
  idempotencyKey?: string;
  /**
   * `true` when this exact text was already shown through {@link ChannelAdapter.openStream}'s stream;
   * the adapter then only finalizes (e.g. ends the line) instead of showing it again. `false` or absent
   * when the text is new or was rewritten after streaming (a `chat/before-reply` plugin changed it).
   */
  streamed?: boolean;
}

/** What the platform returned for a sent message. */
export interface SentMessage {
  /** Platform message id of the sent message. */
  messageId: string;
}

/** How a delivery went: stored and queued, a duplicate of one already stored, or refused. */
export type DeliveryResult =
  | {
      status: 'accepted';
      /** The session the message was queued in (absent for messages ignored by group gating). */
      sessionId?: string;
    }
  | { status: 'duplicate' }
  | {
      status: 'rejected';
      reason: string;
      /** Why, machine-readable: `too-large` (text or attachments over the limits), `invalid` (malformed), `unavailable` (the agent is stopping; retry later). */
      code?: 'too-large' | 'invalid' | 'unavailable';
    };

/** How the chat service finished with an inbound message; reported through {@link ChannelAdapter.settled}. */
export interface InboundOutcome {
  /** The inbound platform message id. */
  messageId: string;
  /** The session it belongs to (absent when it was ignored before a session was resolved). */
  sessionId?: string;
  /**
   * `answered`: a reply was sent (model or command); `denied`: a `chat/authorize` guard refused it;
   * `ignored`: not addressed to the bot (group gating, bots); `failed`: the model or the channel failed and
   * the error notice (if any) was sent; `stopped`: the model turn was stopped (`/stop`, `chat/stop`) and the
   * stop notice sent (what the model had finished before the stop stays in the session).
   */
  status: 'answered' | 'denied' | 'ignored' | 'failed' | 'stopped';
  /** The reply sent (final text after `chat/before-reply`, all chunks joined) and the platform ids of its chunks. */
  reply?: { text: string; messageIds: string[] };
  /** For `failed`: a stable code and a message safe to show the user (never a secret). */
  error?: { code: string; message: string };
}

/** Where a channel hands inbound messages. `deliver` resolves only after the message is durably stored. */
export interface InboundSink {
  /** Stores the message (deduplicated by platform id) and queues it for its session. Acknowledge to the platform only after this resolves. */
  deliver(message: InboundMessage): Promise<DeliveryResult>;
}

/** A tool call the model made in a step, with its arguments. */
export interface ReplyToolCall {
  /** The call id, matching its result. */
  toolCallId: string;
  /** The tool (action) name, e.g. `weather_forecast`. */
  toolName: string;
  /** The arguments, as the model sent them. */
  input: JsonValue;
}

/** The result of a tool call, as stored in the session. */
export interface ReplyToolResult {
  /** The call id it answers. */
  toolCallId: string;
  /** The tool (action) name. */
  toolName: string;
  /** The output as stored (an AI SDK tool output: `{ type: 'json', value }`, `{ type: 'error-text', value }`...). */
  output: JsonValue;
}

/** One finished model step of a streamed reply: what the model did in it, already stored in the session. */
export interface ReplyStep {
  /** The step's number within the turn, from 1. */
  index: number;
  /** The step's text (already shown through {@link ReplyStream.write}). */
  text: string;
  /** The tool calls of the step, in order, with their arguments. */
  toolCalls: ReplyToolCall[];
  /** Their results, in order. */
  toolResults: ReplyToolResult[];
}

/** A live reply stream, for channels that can show text as it is generated (HTTP SSE). */
export interface ReplyStream {
  /** Adds text. */
  write(delta: string): void;
  /**
   * Optional: called after each model step is stored, with the step's tool calls (and their arguments) and
   * results, so the channel can show the model's work as it happens. Must not throw.
   */
  step?(step: ReplyStep): void;
  /** Ends the stream. */
  end(): void;
}

/** What a channel can do; the chat service adapts replies to it. */
export interface ChannelCapabilities {
  /** Maximum characters of text in one message (Telegram 4096). Longer replies are split cleanly. */
  maxTextLength: number;
  /** Whether the channel shows a typing indicator. */
  typing: boolean;
  /** Whether the channel can send attachments. */
  attachments: boolean;
  /** Whether the channel streams replies as they are generated. */
  streaming: boolean;
  /**
   * Every conversation belongs to the sender who authenticated: the chat service then keys its sessions per
   * sender (the `user` scope, `chat:<channel>:<account>:<chatId>:<userId>`) whatever `scope` says, so one
   * sender can never post into another's session by naming the same chat id. For channels whose chat ids
   * the client chooses, such as the HTTP channel. Default `false`.
   */
  privateSessions?: boolean;
}

/** A connected channel: one platform account. */
export interface ChannelAdapter {
  /** The channel id, e.g. `telegram`. */
  readonly id: string;
  /** The bot account id on the platform; set once known (after connect for some platforms). */
  readonly account: string;
  /** What it can do. */
  readonly capabilities: ChannelCapabilities;
  /** Starts receiving (polling, webhook server, websocket) and hands messages to `sink`. */
  connect(sink: InboundSink): Promise<void>;
  /** Stops receiving and closes every socket, server and timer. */
  disconnect(): Promise<void>;
  /** Sends one message chunk. Throws a `DowncityError` on failure (401 names the setting to fix). */
  send(target: OutboundTarget, message: OutboundMessage): Promise<SentMessage>;
  /**
   * Whether the platform drops a repeated send of the same chunk to `target` (Feishu's `uuid`, derived from the
   * message's `idempotencyKey`; QQ's `msg_id` + `msg_seq`). When it does, a chunk whose send a crash
   * cut short (its fate unknown) is sent again: the user sees it exactly once. Otherwise such a chunk is left
   * unsent, so it is never shown twice (decision 0005). Default: not idempotent.
   */
  sendIsIdempotent?(target: OutboundTarget): boolean;
  /** Shows a typing indicator, when supported. */
  typing?(target: OutboundTarget): Promise<void>;
  /** Downloads an attachment's bytes. */
  download?(attachment: InboundAttachment, signal?: AbortSignal): Promise<Uint8Array>;
  /** Opens a live reply stream for the reply to `target`, when `capabilities.streaming`. */
  openStream?(target: OutboundTarget): ReplyStream | undefined;
  /**
   * Called once the chat service is done with an inbound message (after every chunk was sent). Channels that
   * hold a request open until the reply is complete (HTTP) close it here. Must not throw.
   */
  settled?(outcome: InboundOutcome): void;
  /** Runtime facts for listings (`chat/channels`), e.g. the bound URL. Never secrets. */
  info?(): JsonObject;
  /**
   * Principal ids this channel authenticates only by a credential several clients share (the HTTP
   * channel's `token` speaks as `http:shared`). Listed by `chat/channels`; identity providers never
   * make them owners or admins, even when a principal reaches them without `authenticatedBy`.
   */
  readonly sharedPrincipals?: readonly string[];
  /**
   * How the adapter receives, which matters when the agent is one worker of a cluster. `webhook` (the default):
   * the platform calls in, so every worker connects and any of them may accept a delivery. `connection`: it holds
   * one long-lived connection (Telegram long polling, the Feishu long connection, the QQ gateway) that only one
   * worker may hold at a time; the chat service then connects it only on the worker holding the channel's lease,
   * and calls {@link ChannelAdapter.prepare} on the others so they can send.
   */
  readonly receives?: 'webhook' | 'connection';
  /**
   * Makes `send` (and `typing`, `download`) work without receiving: e.g. learns the bot account. Called on workers
   * that do not hold a `connection` channel's lease, before `connect` could ever run; `account` must be set after it.
   */
  prepare?(): Promise<void>;
}

/** One stored message as a channel may show it (HTTP history). */
export interface ChannelHistoryMessage {
  /** Position in the session. */
  seq: number;
  /** Who spoke. */
  role: 'system' | 'user' | 'assistant' | 'tool';
  /** The plain text (text parts joined; empty for tool calls and results). */
  text: string;
  /** Write time, epoch milliseconds. */
  createdAt: number;
  /** The platform message id, for user messages. */
  messageId?: string;
  /** For an assistant message that opened a model step: the step's tokens, model and cost (`null` without a price). */
  usage?: MessageUsage;
}

/** What the chat service offers a channel besides the inbound sink. */
export interface ChannelHost {
  /**
   * The newest `limit` (default 50, at most 500) messages of a session this channel has taken part in, oldest
   * first; `undefined` when no such session exists or it never saw this channel (so one channel's clients
   * cannot read another channel's conversations).
   */
  history(sessionId: string, options?: { limit?: number }): Promise<ChannelHistoryMessage[] | undefined>;
}

/** What a channel factory receives. */
export interface ChannelSetup<Config> {
  /** The channel's validated config (`services.chat.channels.<id>`). */
  config: Config;
  /** A logger scoped to the channel. */
  logger: Logger;
  /** Aborted when the agent stops. */
  signal: AbortSignal;
  /** The agent's data folder. */
  dataDir: string;
  /** Environment variables. */
  env: Readonly<Record<string, string | undefined>>;
  /** Read access to the sessions this channel takes part in. Provided by the chat service. */
  host?: ChannelHost;
  /**
   * The channel's own durable collection `name` (stored as `chat:channel:<channel id>:<name>`), e.g. the
   * HTTP channel's per-user tokens. Provided by the chat service; absent when an adapter is created alone.
   */
  collection?: (name: string) => Collection;
  /**
   * The agent's HTTP surface to mount webhooks and APIs on (the agent's own, or one the chat service opened
   * on 127.0.0.1:8787 when the agent has none). Provided by the chat service; absent when an adapter is
   * created alone (serve on `createHttpSurface()` from `@downcity/http` then).
   */
  http?: HttpSurface;
  /**
   * Events shared by every worker of a cluster, on topics of this channel's own; absent for a single-process
   * agent. A channel that holds requests open (HTTP) uses it to reach the client from the worker that runs the
   * turn, whichever worker accepted the request.
   */
  events?: ChannelEvents;
}

/** Publish and subscribe across the workers of a cluster, on a channel's own topics. */
export interface ChannelEvents {
  /** Sends `message` to every worker subscribed to `topic`, this one included, in publish order. Best effort. */
  publish(topic: string, message: JsonValue): Promise<void>;
  /** Listens to `topic` until the returned function is called. */
  subscribe(topic: string, listener: (message: JsonValue) => void): Promise<() => Promise<void>>;
}

/** A channel package's declaration: its id, config schema and factory. */
export interface ChannelDefinition<ConfigSchema extends z.ZodType = z.ZodType> {
  /** The channel id, e.g. `telegram`; also its config key under `services.chat.channels`. */
  readonly id: string;
  /** The config schema; secrets declared with `secret()` from `@downcity/core`. */
  readonly config: ConfigSchema;
  /** Creates the adapter. Must not connect yet. */
  create(setup: ChannelSetup<z.output<ConfigSchema>>): ChannelAdapter | Promise<ChannelAdapter>;
}

/** Declares a channel. An identity helper for type inference. */
export function defineChannel<ConfigSchema extends z.ZodType>(definition: ChannelDefinition<ConfigSchema>): ChannelDefinition<ConfigSchema> {
  return definition;
}
