import { DowncityError, ErrorCodes, type Logger } from '@downcity/core';
import { LoggerLevel, WSClient, type EventDispatcher, type HttpInstance } from '@larksuiteoapi/node-sdk';
import { configPath } from '../config/feishu-config.js';
import { sdkLogger } from '../api/sdk-logger.js';

/** Options for {@link LongConnection}. */
export interface LongConnectionOptions {
  /** App ID. */
  appId: string;
  /** App Secret. */
  appSecret: string;
  /** API base URL; the SDK asks `POST {baseUrl}/callback/ws/endpoint` where to connect. */
  baseUrl: string;
  /** The adapter's HTTP layer (rate-limit retries, timeouts, abort on disconnect). */
  http: HttpInstance;
  /** How long {@link LongConnection.start} waits for the first connection. */
  connectTimeoutMs: number;
  /** Channel logger. */
  logger: Logger;
}

/** The SDK validates app ids in this shape before it opens a long connection. */
const appIdPattern = /^cli_[0-9a-fA-F]{16}$/;

/**
 * The long-connection transport: the SDK's `WSClient` speaks Feishu's protobuf frame protocol,
 * pings, reconnects, reassembles fragmented events and acknowledges each event after the
 * dispatcher's handler resolved (a rejected handler is answered with code 500, so Feishu
 * redelivers).
 */
export class LongConnection {
  readonly #options: LongConnectionOptions;
  #client: WSClient | undefined;

  /** Creates the transport; call {@link LongConnection.start} to connect. */
  constructor(options: LongConnectionOptions) {
    this.#options = options;
  }

  /** Connects and resolves once the first connection is open; rejects on refusal or timeout. */
  async start(dispatcher: EventDispatcher): Promise<void> {
    const { appId, logger, connectTimeoutMs } = this.#options;
    if (!appIdPattern.test(appId)) {
      throw new DowncityError(
        ErrorCodes.CONFIG_INVALID,
        `${configPath}.appId must look like cli_ followed by 16 hex digits for the long connection (got ${JSON.stringify(appId)}).`,
      );
    }
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error): void => {
        this.stop();
        reject(error);
      };
      this.#client = new WSClient({
        appId,
        appSecret: this.#options.appSecret,
        domain: this.#options.baseUrl,
        httpInstance: this.#options.http,
        logger: sdkLogger(logger),
        loggerLevel: LoggerLevel.info,
        autoReconnect: true,
        handshakeTimeoutMs: connectTimeoutMs,
        source: 'downcity',
        onReady: () => resolve(),
        onReconnecting: () => logger.warn('Feishu long connection lost; reconnecting'),
        onReconnected: () => logger.info('Feishu long connection restored'),
        onError: (error: Error) => {
          const refused = new DowncityError(
            ErrorCodes.CONFIG_INVALID,
            `Feishu refused the long connection (${error.message}). Check ${configPath}.appId and ${configPath}.appSecret, and that ` +
              'Events & Callbacks > Subscription mode is "Receive events through persistent connection".',
          );
          logger.error({ error: refused.message }, 'Feishu long connection failed');
          fail(refused);
        },
      });
      timer = setTimeout(
        () => fail(new DowncityError(ErrorCodes.TIMEOUT, `Feishu long connection did not open within ${connectTimeoutMs} ms`)),
        connectTimeoutMs,
      );
      void this.#client.start({ eventDispatcher: dispatcher });
    }).finally(() => clearTimeout(timer));
    logger.info('Feishu long connection open');
  }

  /** Closes the socket and every SDK timer (ping, reconnect, fragment sweep). */
  stop(): void {
    this.#client?.close({ force: true });
    this.#client = undefined;
  }
}
