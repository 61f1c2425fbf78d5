import type {
  ChannelAdapter,
  ChannelCapabilities,
  ChannelSetup,
  InboundAttachment,
  InboundSink,
  OutboundMessage,
  OutboundTarget,
  SentMessage,
} from '@downcity/chat';
import { DowncityError, ErrorCodes, type HttpSurface, type JsonObject, type Logger, type MountedRoute } from '@downcity/core';
import { createHttpSurface } from '@downcity/http';
import { createTelegramApi, type TelegramApi } from '../api/create-telegram-api.js';
import { grammySignal } from '../api/grammy-signal.js';
import { toTelegramError } from '../api/to-telegram-error.js';
import type { TelegramConfig } from '../config/telegram-config.js';
import { downloadFile } from '../download/download-file.js';
import type { BotIdentity } from '../inbound/bot-identity.js';
import { handleUpdate } from '../inbound/handle-update.js';
import { sendReply, TELEGRAM_MAX_TEXT_LENGTH } from '../outbound/send-reply.js';
import { ALLOWED_UPDATES, LongPoller } from '../polling/long-poller.js';
import { createWebhookApp } from '../webhook/webhook-app.js';

/** Extra seconds a request may take beyond the long-polling timeout before the client gives up. */
const REQUEST_TIMEOUT_MARGIN_SECONDS = 30;

/**
 * The Telegram channel adapter: one bot. Receives by long polling or webhook (per `mode`), sends
 * through grammY's Bot API client. Create it through {@link telegramChannel}; `connect` learns the
 * bot with `getMe` and starts receiving.
 */
export class TelegramAdapter implements ChannelAdapter {
  /** The channel id. */
  readonly id = 'telegram';
  /** Telegram: 4,096 characters a message, typing indicator, attachments, no streaming. */
  readonly capabilities: ChannelCapabilities = { maxTextLength: TELEGRAM_MAX_TEXT_LENGTH, typing: true, attachments: true, streaming: false };

  private readonly config: TelegramConfig;
  private readonly logger: Logger;
  private readonly setupSignal: AbortSignal;
  private readonly http: HttpSurface | undefined;
  private readonly client: TelegramApi;
  private bot: BotIdentity | undefined;
  private lifetime = new AbortController();
  private poller: LongPoller | undefined;
  private webhook: MountedRoute | undefined;
  private boundPort: number | undefined;

  /** Creates the adapter without connecting. */
  constructor(setup: ChannelSetup<TelegramConfig>) {
    this.config = setup.config;
    this.logger = setup.logger;
    this.setupSignal = setup.signal;
    this.http = setup.http;
    this.client = createTelegramApi({
      token: setup.config.token,
      apiRoot: setup.config.apiRoot,
      maxRetries: setup.config.maxRetries,
      maxRetryAfterSeconds: setup.config.maxRetryAfterSeconds,
      requestTimeoutSeconds: setup.config.pollingTimeoutSeconds + REQUEST_TIMEOUT_MARGIN_SECONDS,
    });
  }

  /** The bot's user id; empty until `connect` ran `getMe`. */
  get account(): string {
    return this.bot ? String(this.bot.id) : '';
  }

  /** The bot's username (without `@`); undefined until connected. */
  get username(): string | undefined {
    return this.bot?.username;
  }

  /** The port the webhook is served on, in webhook mode once connected (useful with port 0). */
  get webhookPort(): number | undefined {
    return this.boundPort;
  }

  /** Public runtime facts for `chat/channels`: mode, bot username and, in webhook mode, where it listens. Never secrets. */
  info(): JsonObject {
    const info: JsonObject = { mode: this.config.mode, apiRoot: withoutCredentials(this.config.apiRoot) };
    if (this.bot) info.username = this.bot.username;
    if (this.config.mode === 'webhook') {
      info.webhookPath = this.config.webhookPath;
      if (this.boundPort !== undefined) info.webhookPort = this.boundPort;
      if (this.config.webhookUrl !== undefined) info.webhookUrl = this.config.webhookUrl;
    }
    return info;
  }

  /** Long polling is one connection per bot (one worker of a cluster holds it); webhooks reach any worker. */
  get receives(): 'webhook' | 'connection' {
    return this.config.mode === 'polling' ? 'connection' : 'webhook';
  }

  /** Learns the bot with `getMe`, so this adapter can send on a worker that does not poll (in a cluster). */
  async prepare(): Promise<void> {
    if (this.lifetime.signal.aborted) this.lifetime = new AbortController();
    this.bot = await this.getMe(this.signal());
  }

  /** Learns the bot with `getMe`, then starts long polling or the webhook server. */
  async connect(sink: InboundSink): Promise<void> {
    if (this.poller || this.webhook) throw new DowncityError(ErrorCodes.AGENT_STATE, 'The Telegram channel is already connected; disconnect it first.');
    if (this.lifetime.signal.aborted) this.lifetime = new AbortController();
    const signal = this.signal();
    const bot = await this.getMe(signal);
    this.bot = bot;
    const handle = (update: unknown): Promise<void> => handleUpdate(update, { bot, sink, logger: this.logger });
    if (this.config.mode === 'webhook') await this.startWebhook(handle, signal);
    else await this.startPolling(handle, signal);
    this.logger.info({ account: String(bot.id), username: bot.username, mode: this.config.mode }, 'Telegram channel connected');
  }

  /** Stops receiving, waits for updates being stored, and closes every server, socket and timer. */
  async disconnect(): Promise<void> {
    this.lifetime.abort();
    // Sending still works after a disconnect (a worker that handed its polling over keeps answering).
    if (!this.setupSignal.aborted) this.lifetime = new AbortController();
    const poller = this.poller;
    const webhook = this.webhook;
    this.poller = undefined;
    this.webhook = undefined;
    this.boundPort = undefined;
    await poller?.stop();
    await webhook?.unmount();
    this.client.agent.destroy();
  }

  /** Sends one message chunk (split again at 4,096 characters if needed), quoting `replyToMessageId`. */
  send(target: OutboundTarget, message: OutboundMessage): Promise<SentMessage> {
    return sendReply({ api: this.client.api, parseMode: this.config.parseMode, logger: this.logger, signal: this.signal() }, target, message);
  }

  /** Shows "typing…" in the chat (and topic) for about five seconds. */
  async typing(target: OutboundTarget): Promise<void> {
    const threadId = target.threadId === undefined ? undefined : Number(target.threadId);
    const signal = this.signal();
    try {
      await this.client.api.sendChatAction(target.chatId, 'typing', threadId !== undefined && Number.isSafeInteger(threadId) ? { message_thread_id: threadId } : {}, grammySignal(signal));
    } catch (error) {
      throw toTelegramError(error, 'show the typing indicator', signal);
    }
  }

  /** Downloads an attachment's bytes through `getFile` and the Bot API file endpoint. */
  async download(attachment: InboundAttachment, signal?: AbortSignal): Promise<Uint8Array> {
    if (attachment.dataBase64 !== undefined) return new Uint8Array(Buffer.from(attachment.dataBase64, 'base64'));
    return downloadFile(
      { api: this.client.api, agent: this.client.agent, apiRoot: this.config.apiRoot, token: this.config.token, signal: this.signal(signal) },
      attachment.id,
    );
  }

  private async getMe(signal: AbortSignal): Promise<BotIdentity> {
    try {
      const me = await this.client.api.getMe(grammySignal(signal));
      return { id: me.id, username: me.username };
    } catch (error) {
      throw toTelegramError(error, 'identify the bot (getMe)');
    }
  }

  private async startPolling(handle: (update: unknown) => Promise<void>, signal: AbortSignal): Promise<void> {
    try {
      await this.client.api.deleteWebhook({ drop_pending_updates: this.config.dropPendingUpdates }, grammySignal(signal));
    } catch (error) {
      throw toTelegramError(error, 'switch to long polling (deleteWebhook)');
    }
    const poller = new LongPoller({
      api: this.client.api,
      handle,
      logger: this.logger,
      timeoutSeconds: this.config.pollingTimeoutSeconds,
      backoff: { initialDelayMs: this.config.reconnectDelayMs, maxDelayMs: this.config.reconnectMaxDelayMs },
    });
    this.poller = poller;
    poller.start();
  }

  private async startWebhook(handle: (update: unknown) => Promise<void>, signal: AbortSignal): Promise<void> {
    const secret = this.config.webhookSecret;
    if (secret === undefined) throw new DowncityError(ErrorCodes.CONFIG_INVALID, 'Webhook mode needs services.chat.channels.telegram.webhookSecret.');
    const app = createWebhookApp({ path: this.config.webhookPath, secret, handle, logger: this.logger });
    // On the agent's shared HTTP surface unless webhookHost or webhookPort give it an address of its own.
    const surface = this.http ?? createHttpSurface({ logger: this.logger });
    const { webhookHost, webhookPort } = this.config;
    try {
      this.webhook = await surface.mount({
        name: 'the Telegram webhook',
        path: this.config.webhookPath,
        fetch: app.fetch,
        ...(webhookHost === undefined ? {} : { host: webhookHost }),
        ...(webhookPort === undefined ? {} : { port: webhookPort }),
      });
      this.boundPort = Number(new URL(this.webhook.url).port);
      if (this.config.webhookUrl !== undefined) {
        await this.client.api.setWebhook(
          this.config.webhookUrl,
          { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: this.config.dropPendingUpdates },
          grammySignal(signal),
        );
      }
    } catch (error) {
      const mounted = this.webhook;
      this.webhook = undefined;
      this.boundPort = undefined;
      await mounted?.unmount();
      if (DowncityError.is(error)) throw error;
      throw toTelegramError(error, 'start the webhook');
    }
  }

  /** The adapter's lifetime signal, joined with the agent's and an optional caller's. */
  private signal(extra?: AbortSignal): AbortSignal {
    const signals = [this.lifetime.signal, this.setupSignal];
    if (extra) signals.push(extra);
    return AbortSignal.any(signals);
  }
}

/** A URL without `user:password@`, for listings (a proxy URL may carry credentials). */
function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/+$/, '');
}
