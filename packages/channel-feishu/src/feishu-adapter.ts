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
import { splitText } from '@downcity/chat';
import { DowncityError, ErrorCodes, type HttpSurface, type JsonObject, type Logger, type MountedRoute } from '@downcity/core';
import { createHttpSurface } from '@downcity/http';
import { EventDispatcher, LoggerLevel } from '@larksuiteoapi/node-sdk';
import { FeishuApi } from './api/feishu-api.js';
import { sdkLogger } from './api/sdk-logger.js';
import { resolveBaseUrl, type FeishuConfig } from './config/feishu-config.js';
import { parseAttachmentId } from './inbound/attachment-id.js';
import { createMessageEventHandler } from './inbound/message-event-handler.js';
import { receiveEventType } from './inbound/receive-event.js';
import { neutralizeMentions } from './outbound/neutralize-mentions.js';
import { LongConnection } from './transport/long-connection.js';
import { createCallbackApp } from './webhook/callback-app.js';

/** Events the bot may be subscribed to that carry nothing for the agent: acknowledged quietly. */
const quietEvents = ['im.message.message_read_v1', 'im.chat.member.bot.added_v1', 'im.chat.member.bot.deleted_v1'];

/**
 * The Feishu / Lark channel: one custom app. Receives `im.message.receive_v1` over the long
 * connection or the HTTP callback, replies through the IM message reply / create APIs, and
 * downloads attachments through the message resource API.
 */
export class FeishuAdapter implements ChannelAdapter {
  /** Always `feishu`. */
  readonly id = 'feishu';
  /** The app id. */
  readonly account: string;
  /** Text only for now: no typing indicator, no outbound attachments, no streaming. */
  readonly capabilities: ChannelCapabilities;
  readonly #config: FeishuConfig;
  readonly #logger: Logger;
  readonly #agentSignal: AbortSignal;
  readonly #http: HttpSurface | undefined;
  #api: FeishuApi | undefined;
  #connection: LongConnection | undefined;
  #route: MountedRoute | undefined;
  #webhookPort: number | undefined;
  #botOpenId: string | undefined;
  #onAgentStop: (() => void) | undefined;

  /** Creates the adapter; connects nothing yet. */
  constructor(setup: ChannelSetup<FeishuConfig>) {
    this.#config = setup.config;
    this.#logger = setup.logger;
    this.#agentSignal = setup.signal;
    this.#http = setup.http;
    this.account = setup.config.appId;
    this.capabilities = { maxTextLength: setup.config.maxTextLength, typing: false, attachments: false, streaming: false };
  }

  /** The port the callback is served on (mode `webhook`), useful when `webhook.port` is 0. */
  get webhookPort(): number | undefined {
    return this.#webhookPort;
  }

  /** Runtime facts for listings: mode, API base URL, bot open_id, callback port. Never secrets. */
  info(): JsonObject {
    return {
      mode: this.#config.mode,
      baseUrl: resolveBaseUrl(this.#config.domain),
      connected: this.#connection !== undefined || this.#route !== undefined,
      ...(this.#botOpenId ? { botOpenId: this.#botOpenId } : {}),
      ...(this.#webhookPort === undefined ? {} : { webhookPort: this.#webhookPort, webhookPath: this.#config.webhook.path }),
    };
  }

  /** The long connection is one per app (one worker of a cluster holds it); callbacks reach any worker. */
  get receives(): 'webhook' | 'connection' {
    return this.#config.mode === 'webhook' ? 'webhook' : 'connection';
  }

  /** Opens the API client, so this adapter can send on a worker that does not hold the long connection (in a cluster). */
  async prepare(): Promise<void> {
    this.#client();
  }

  /** Checks the credentials, learns the bot's open_id, then opens the long connection or serves the callback. */
  async connect(sink: InboundSink): Promise<void> {
    if (this.#connection || this.#route) throw new DowncityError(ErrorCodes.AGENT_STATE, 'The Feishu channel is already connected');
    const api = this.#client();
    try {
      const botOpenId = this.#config.botOpenId ?? (await api.botInfo()).openId;
      this.#botOpenId = botOpenId;
      const handleMessage = createMessageEventHandler({
        sink,
        context: { appId: this.#config.appId, botOpenId, requireMention: this.#config.requireMention },
        recentEventIds: this.#config.recentEventIds,
        logger: this.#logger,
      });
      const dispatcher = new EventDispatcher({ logger: sdkLogger(this.#logger), loggerLevel: LoggerLevel.info });
      dispatcher.register({ [receiveEventType]: handleMessage });
      for (const type of quietEvents) dispatcher.register({ [type]: async () => undefined });
      if (this.#config.mode === 'webhook') {
        const app = createCallbackApp({
          config: this.#config,
          logger: this.#logger,
          dispatch: async (envelope) => {
            await dispatcher.invoke(envelope, { needCheck: false });
          },
        });
        // On the agent's shared HTTP surface unless webhook.host or webhook.port give it an address of its own.
        const { host, port, path } = this.#config.webhook;
        const surface = this.#http ?? createHttpSurface({ logger: this.#logger });
        this.#route = await surface.mount({ name: 'the Feishu callback', path, fetch: app.fetch, ...(host === undefined ? {} : { host }), ...(port === undefined ? {} : { port }) });
        this.#webhookPort = Number(new URL(this.#route.url).port);
        this.#logger.info({ url: this.#route.url, path }, 'Feishu callback served');
      } else {
        this.#connection = new LongConnection({
          appId: this.#config.appId,
          appSecret: this.#config.appSecret,
          baseUrl: api.baseUrl,
          http: api.http,
          connectTimeoutMs: this.#config.connectTimeoutSeconds * 1_000,
          logger: this.#logger,
        });
        await this.#connection.start(dispatcher);
      }
    } catch (error) {
      await this.disconnect();
      throw error;
    }
    this.#onAgentStop = () => void this.disconnect();
    this.#agentSignal.addEventListener('abort', this.#onAgentStop, { once: true });
    this.#logger.info({ mode: this.#config.mode, appId: this.#config.appId }, 'Feishu channel connected');
  }

  /** Closes the long connection or stops serving the callback, and closes pooled sockets and timers. */
  async disconnect(): Promise<void> {
    if (this.#onAgentStop) this.#agentSignal.removeEventListener('abort', this.#onAgentStop);
    this.#onAgentStop = undefined;
    this.#connection?.stop();
    this.#connection = undefined;
    const route = this.#route;
    this.#route = undefined;
    this.#webhookPort = undefined;
    await route?.unmount();
    this.#api?.close();
    this.#api = undefined;
  }

  /**
   * Sends one chunk as text: a reply to `target.replyToMessageId` when set, else a new message in
   * `target.chatId`. Over-long text is split; `<at>` tags are neutralized.
   */
  async send(target: OutboundTarget, message: OutboundMessage): Promise<SentMessage> {
    if (message.attachments?.length) {
      this.#logger.warn({ count: message.attachments.length }, 'Feishu channel does not send attachments yet; sent the text only');
    }
    const pieces = splitText(neutralizeMentions(message.text), this.#config.maxTextLength);
    const destination = target.replyToMessageId ? { replyToMessageId: target.replyToMessageId } : { chatId: target.chatId };
    let messageId = '';
    for (const piece of pieces) messageId = await this.#client().sendText(destination, piece);
    return { messageId };
  }

  /** Downloads an attachment's bytes through `GET /open-apis/im/v1/messages/:message_id/resources/:file_key`. */
  async download(attachment: InboundAttachment, signal?: AbortSignal): Promise<Uint8Array> {
    const parsed = parseAttachmentId(attachment.id);
    if (!parsed) throw new DowncityError(ErrorCodes.INPUT_INVALID, `Not a Feishu attachment id: ${JSON.stringify(attachment.id)}`);
    return this.#client().downloadResource(parsed.messageId, parsed.fileKey, attachment.kind === 'image' ? 'image' : 'file', signal);
  }

  #client(): FeishuApi {
    this.#api ??= new FeishuApi(this.#config, this.#logger);
    return this.#api;
  }
}
