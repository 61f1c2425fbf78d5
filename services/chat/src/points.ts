import type { ActionSignature, EffectPoint, GuardPoint, PipelinePoint, Principal, ResolvePoint } from '@downcity/core';
import type { ChannelsInput, ChannelsOutput } from './actions/channels-action.js';
import type { HistoryInput, HistoryOutput } from './actions/history-action.js';
import type { HttpTokenCreateInput, HttpTokenCreateOutput } from './actions/http-token-create-action.js';
import type { HttpTokenListInput, HttpTokenListOutput } from './actions/http-token-list-action.js';
import type { HttpTokenVerifyInput, HttpTokenVerifyOutput } from './actions/http-token-verify-action.js';
import type { HttpTokenRevokeInput, HttpTokenRevokeOutput } from './actions/http-token-revoke-action.js';
import type { RegisterCommandInput, RegisterCommandOutput } from './actions/register-command-action.js';
import type { SendInput, SendOutput } from './actions/send-action.js';
import type { SessionsInput, SessionsOutput } from './actions/sessions-action.js';
import type { StopInput, StopOutput } from './actions/stop-action.js';
import type { ChannelAdapter, InboundAttachment, InboundMessage } from './channel/channel.js';
import type { ChatMessage } from './message/chat-message.js';
import type { SessionScope } from './session/session-key.js';

/** Input of the `chat/authorize` guard: who sent what, where. Runs before anything else touches the message. */
export interface AuthorizeRequest {
  /** The message as the channel delivered it. */
  message: InboundMessage;
  /** The session it will run in. */
  sessionId: string;
  /** The platform-authenticated sender. */
  principal: Principal;
  /** The command the text starts with, when it is a registered chat command (so a guard can let `/pair` through). */
  command?: { name: string; args: string };
}

/** The value of the `chat/inbound` pipeline. Handlers return it, changed; only `message` changes are used. */
export interface ChatInbound {
  /** The message; add a `transcript`, push `notes`, or normalize `text`. */
  message: ChatMessage;
  /** The session (read-only: changes are ignored). */
  sessionId: string;
  /** The sender (read-only: changes are ignored). */
  principal: Principal;
  /** Fetches an attachment's bytes (inline HTTP data or the channel's download). */
  download(attachment: InboundAttachment, signal?: AbortSignal): Promise<Uint8Array>;
}

/** What produced a reply: the model or a chat command. */
export type ReplySource = 'model' | 'command';

/** The value of the `chat/before-reply` pipeline: the reply about to be split and sent. Only `text` changes are used. */
export interface ReplyDraft {
  /** The reply text; return a rewritten one to change what is sent. An empty text sends nothing. */
  text: string;
  /** What produced it. */
  source: ReplySource;
  /** The message being answered. */
  message: ChatMessage;
  /** The session. */
  sessionId: string;
  /** The sender of the message being answered. */
  principal: Principal;
}

/** The payload of the `chat/after-reply` effect: the reply as sent. */
export interface ReplySent {
  /** The final text (after `chat/before-reply`). */
  text: string;
  /** The chunks as sent, in order. */
  chunks: string[];
  /** The platform ids of the sent chunks. */
  messageIds: string[];
  /** What produced it. */
  source: ReplySource;
  /** The message answered. */
  message: ChatMessage;
  /** The session. */
  sessionId: string;
  /** The sender of the message answered. */
  principal: Principal;
}

/** The question of the `chat/session` resolve point: which session should this message run in? Answer a session id. */
export interface SessionQuery {
  /** The message. */
  message: InboundMessage;
  /** The platform-authenticated sender. */
  principal: Principal;
  /** The configured scope. */
  scope: SessionScope;
  /** The id the chat service would use (see `sessionIdFor`); return it to keep the default. */
  defaultSessionId: string;
}

/**
 * The value of the `chat/channels` pipeline: channel adapters that services created themselves (the console's
 * web chat), added to the configured channels. Return the value with yours appended:
 * `(value) => ({ adapters: [...value.adapters, adapter] })`. The chat service runs it once, after every
 * package is set up; the adapters then connect, receive and reply exactly like configured channels.
 */
export interface ChannelContributions {
  /** The adapters contributed so far. Each id must differ from the configured channels' and the others'. */
  adapters: ChannelAdapter[];
}

declare module '@downcity/core' {
  interface ExtensionPoints {
    /** May refuse a message before it reaches commands or the model; a verdict's `reply` is sent to the user. */
    'chat/authorize': GuardPoint<AuthorizeRequest>;
    /** Augments or normalizes an inbound message (transcripts, notes) before commands and the model see it. */
    'chat/inbound': PipelinePoint<ChatInbound>;
    /** Rewrites a reply before it is split and sent. */
    'chat/before-reply': PipelinePoint<ReplyDraft>;
    /** Observes every reply after it was sent. */
    'chat/after-reply': EffectPoint<ReplySent>;
    /** Maps a message to a session id (e.g. one person's identities across channels to one session). */
    'chat/session': ResolvePoint<SessionQuery, string>;
    /** Adds channel adapters a service created itself (the console's web chat) to the running channels. */
    'chat/channels': PipelinePoint<ChannelContributions>;
  }

  interface Actions {
    /** Sends text to a session or a channel target and stores it as an assistant message. */
    'chat/send': ActionSignature<SendInput, SendOutput>;
    /** Lists chat sessions, newest first. */
    'chat/sessions': ActionSignature<SessionsInput, SessionsOutput>;
    /** Reads a chat session's messages. */
    'chat/history': ActionSignature<HistoryInput, HistoryOutput>;
    /** Adds a chat command answered by another service's action. */
    'chat/register-command': ActionSignature<RegisterCommandInput, RegisterCommandOutput>;
    /** Lists the running channels. */
    'chat/channels': ActionSignature<ChannelsInput, ChannelsOutput>;
    /** Stops the reply being written in a session. The operator, or the sender being answered. */
    'chat/stop': ActionSignature<StopInput, StopOutput>;
    /** Creates a per-user HTTP bearer token (returned once). Operator only. */
    'chat/http-token-create': ActionSignature<HttpTokenCreateInput, HttpTokenCreateOutput>;
    /** Revokes a per-user HTTP token. Operator only. */
    'chat/http-token-revoke': ActionSignature<HttpTokenRevokeInput, HttpTokenRevokeOutput>;
    /** Lists the per-user HTTP tokens, never their secrets. Operator only. */
    'chat/http-token-list': ActionSignature<HttpTokenListInput, HttpTokenListOutput>;
    /** Tells which live per-user HTTP token a bearer token is (for other endpoints, e.g. MCP). Operator only. */
    'chat/http-token-verify': ActionSignature<HttpTokenVerifyInput, HttpTokenVerifyOutput>;
  }
}
