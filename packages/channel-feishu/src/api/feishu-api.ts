import { createHash, randomUUID } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import { DowncityError, ErrorCodes, type Logger } from '@downcity/core';
import { AppType, Client, LoggerLevel, type HttpInstance } from '@larksuiteoapi/node-sdk';
import { configPath, resolveBaseUrl, type FeishuConfig } from '../config/feishu-config.js';
import { credentialError, invalidTokenCodes, platformError } from './feishu-errors.js';
import { createHttpInstance } from './http-instance.js';
import { bodyFields, failureOf, type PlatformFailure } from './platform-failure.js';
import { sdkLogger } from './sdk-logger.js';
import { TokenCache } from './token-cache.js';

/** The bot's identity, from `GET /open-apis/bot/v3/info`. */
export interface BotInfo {
  /** The bot's open_id: how mentions of the bot appear in group messages. */
  openId: string;
  /** The app name. */
  name?: string;
}

/** Where a text goes: a reply to a message, or a new message in a chat. */
export type TextDestination = { replyToMessageId: string } | { chatId: string };

type ApiAnswer = { code?: number; msg?: string } | undefined;

/**
 * The platform calls the adapter makes, through the SDK's `Client`: tenant access token fetched
 * and refreshed by the SDK (an invalid token is dropped and the call retried once, like the
 * official Go SDK), rate limits retried by the HTTP layer, failures mapped to `DowncityError`.
 */
export class FeishuApi {
  /** The SDK client. */
  readonly client: Client;
  /** The HTTP layer shared with the long-connection client. */
  readonly http: HttpInstance;
  /** The API base URL. */
  readonly baseUrl: string;
  readonly #cache = new TokenCache();
  readonly #abort = new AbortController();
  readonly #agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  readonly #config: FeishuConfig;

  /** Creates the client; makes no request yet. */
  constructor(config: FeishuConfig, logger: Logger) {
    this.#config = config;
    this.baseUrl = resolveBaseUrl(config.domain);
    this.http = createHttpInstance({
      retries: config.rateLimitRetries,
      maxRetryDelayMs: config.maxRetryDelaySeconds * 1_000,
      timeoutMs: config.requestTimeoutSeconds * 1_000,
      signal: this.#abort.signal,
      logger,
      agents: this.#agents,
    });
    this.client = new Client({
      appId: config.appId,
      appSecret: config.appSecret,
      appType: AppType.SelfBuild,
      domain: this.baseUrl,
      cache: this.#cache,
      httpInstance: this.http,
      logger: sdkLogger(logger),
      loggerLevel: LoggerLevel.info,
      source: 'downcity',
    });
  }

  /** The http(s) agents, for the long-connection WebSocket. */
  get agents(): { http: HttpAgent; https: HttpsAgent } {
    return this.#agents;
  }

  /** Fetches the bot's open_id. Also proves the credentials work. */
  async botInfo(): Promise<BotInfo> {
    const answer = await this.#call('bot info request', () =>
      this.client.request<{ code?: number; msg?: string; bot?: { open_id?: string; app_name?: string } }>({ url: '/open-apis/bot/v3/info', method: 'GET' }),
    );
    const openId = answer?.bot?.open_id;
    if (!openId) {
      throw new DowncityError(
        ErrorCodes.CONFIG_INVALID,
        `Feishu bot info has no open_id: enable the Bot capability for app ${this.#config.appId} (developer console > Features > Bot) and publish a version, or set ${configPath}.botOpenId.`,
      );
    }
    return { openId, ...(answer.bot?.app_name ? { name: answer.bot.app_name } : {}) };
  }

  /**
   * Sends one text message; returns its message_id. The `uuid` makes a repeat of the same send idempotent for an
   * hour: derived from `idempotencyKey` when given (so a send repeated after a crash, on any worker, is dropped
   * by Feishu), random otherwise.
   */
  async sendText(destination: TextDestination, text: string, idempotencyKey?: string): Promise<string> {
    const content = JSON.stringify({ text });
    const uuid = idempotencyKey === undefined ? randomUUID() : createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
    const answer = await this.#call('send message', () =>
      'replyToMessageId' in destination
        ? this.client.im.message.reply({ path: { message_id: destination.replyToMessageId }, data: { msg_type: 'text', content, uuid } })
        : this.client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: destination.chatId, msg_type: 'text', content, uuid } }),
    );
    return answer?.data?.message_id ?? '';
  }

  /** Downloads a message resource (`type` is `image` for images, `file` for files, audio and video). */
  async downloadResource(messageId: string, fileKey: string, type: 'image' | 'file', signal?: AbortSignal): Promise<Uint8Array> {
    const resource = await this.#call('resource download', () =>
      this.client.im.messageResource.get({ path: { message_id: messageId, file_key: fileKey }, params: { type } }),
    );
    return readAll(resource.getReadableStream(), this.#config.maxDownloadBytes, signal);
  }

  /** Aborts in-flight requests and retry waits, and closes pooled connections. */
  close(): void {
    this.#abort.abort(new DowncityError(ErrorCodes.ABORTED, 'The Feishu channel disconnected'));
    this.#agents.http.destroy();
    this.#agents.https.destroy();
    this.#cache.clear();
  }

  async #call<T>(action: string, run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      let failure: PlatformFailure | undefined;
      try {
        const answer = await run();
        const { code, message } = bodyFields(answer as ApiAnswer);
        if (code === undefined || code === 0) return answer;
        failure = { code, ...(message === undefined ? {} : { message }), headers: {} };
      } catch (error) {
        if (DowncityError.is(error)) throw error;
        failure = failureOf(error);
        if (!failure) throw platformError(action, undefined, error);
      }
      const tokenRefused = failure.status === 401 || (failure.code !== undefined && invalidTokenCodes.has(failure.code));
      if (!tokenRefused) throw platformError(action, failure);
      if (attempt > 0) throw credentialError(failure, action);
      this.#cache.clear();
    }
  }
}

async function readAll(stream: Readable, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  const onAbort = (): void => {
    stream.destroy(signal?.reason instanceof Error ? signal.reason : new Error('download aborted'));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) onAbort();
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > maxBytes) {
        stream.destroy();
        throw new DowncityError(ErrorCodes.INPUT_INVALID, `Feishu attachment is larger than ${configPath}.maxDownloadBytes (${maxBytes} bytes)`);
      }
      chunks.push(buffer);
    }
    return new Uint8Array(Buffer.concat(chunks));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
