import type { ChannelAdapter, ChannelSetup, InboundSink } from '@downcity/chat';
import { DowncityError, ErrorCodes, type MountedRoute } from '@downcity/core';
import { createHttpSurface } from '@downcity/http';
import { createAccessTokens } from './api/access-token.js';
import { createOpenApi } from './api/open-api.js';
import type { QqHttpOptions } from './api/request-qq.js';
import { apiBaseUrlOf, type QqConfig } from './config.js';
import { downloadAttachment } from './download-attachment.js';
import { createDispatchHandler } from './events/deliver-dispatch.js';
import { createGatewayClient, type GatewayClient } from './gateway/gateway-client.js';
import { intentBits } from './gateway/intents.js';
import { createReplySequences } from './outbound/reply-sequences.js';
import { sendMessage } from './outbound/send-message.js';
import { createQqSigner } from './webhook/ed25519-signer.js';
import { createWebhookApp } from './webhook/webhook-app.js';

/** The QQ channel adapter: a `ChannelAdapter` of `@downcity/chat` that also tells where its webhook listens. */
export interface QqChannelAdapter extends ChannelAdapter {
  /** The local URL of the webhook while connected in `webhook` mode (put your HTTPS reverse proxy in front of it). */
  readonly webhookUrl: string | undefined;
}

/** Creates the adapter for one QQ bot. Nothing connects until `connect`. */
export function createQqAdapter(setup: ChannelSetup<QqConfig>): QqChannelAdapter {
  const { config } = setup;
  const logger = setup.logger.child({ channel: 'qq', appId: config.appId });
  let lifetime = new AbortController();
  // One options object shared by reference: `signal` always reads the current connection's controller.
  const http: QqHttpOptions = {
    timeoutMs: config.requestTimeoutMs,
    maxRetries: config.maxRetries,
    logger,
    get signal() {
      return lifetime.signal;
    },
  };
  const tokens = createAccessTokens({ http, appId: config.appId, appSecret: config.appSecret, tokenUrl: config.tokenUrl });
  const api = createOpenApi({ http, baseUrl: apiBaseUrlOf(config), tokens });
  const sequences = createReplySequences();
  let botUserId: string | undefined;
  let route: MountedRoute | undefined;
  let gateway: GatewayClient | undefined;
  let connected = false;

  const onStop = () => void adapter.disconnect();

  const adapter: QqChannelAdapter = {
    id: 'qq',
    account: config.appId,
    capabilities: { maxTextLength: config.maxTextLength, typing: false, attachments: false, streaming: false },
    get webhookUrl() {
      return route ? `${route.url}${config.webhook.path}` : undefined;
    },

    // The gateway is one session per bot (one worker of a cluster holds it); webhooks reach any worker.
    receives: config.mode === 'webhook' ? 'webhook' : 'connection',

    // Fetching a token checks the AppID and AppSecret, so a worker that does not hold the gateway can send.
    async prepare() {
      await tokens.get();
    },

    async connect(sink: InboundSink) {
      if (connected) throw new DowncityError(ErrorCodes.AGENT_STATE, 'The QQ channel is already connected.');
      connected = true;
      setup.signal.addEventListener('abort', onStop, { once: true });
      const onDispatch = createDispatchHandler({ sink, logger, context: () => ({ appId: config.appId, ...(botUserId === undefined ? {} : { botUserId }) }) });
      try {
        // Fetching a token first makes a wrong AppID or AppSecret fail at startup, naming the setting.
        await tokens.get();
        if (config.mode === 'webhook') {
          const { host, port, path, maxBodyBytes } = config.webhook;
          const app = createWebhookApp({ path, maxBodyBytes, signer: createQqSigner(config.appSecret), logger, onDispatch });
          // On the agent's shared HTTP surface unless webhook.host or webhook.port give it an address of its own.
          route = await (setup.http ?? createHttpSurface({ logger })).mount({
            name: 'the QQ webhook',
            path,
            fetch: app.fetch,
            ...(host === undefined ? {} : { host }),
            ...(port === undefined ? {} : { port }),
          });
          logger.info({ url: `${route.url}${path}` }, 'QQ webhook listening');
        } else {
          gateway = createGatewayClient({
            api,
            tokens,
            intents: intentBits(config.gateway.intents),
            shard: config.gateway.shard,
            reconnectDelayMs: config.gateway.reconnectDelayMs,
            maxReconnectDelayMs: config.gateway.maxReconnectDelayMs,
            logger,
            onReady: (user) => (botUserId = user.id),
            onDispatch,
          });
          await gateway.start();
        }
      } catch (error) {
        await adapter.disconnect();
        throw error;
      }
    },

    async disconnect() {
      setup.signal.removeEventListener('abort', onStop);
      lifetime.abort();
      lifetime = new AbortController();
      const closing = [route?.unmount(), gateway?.stop()];
      route = undefined;
      gateway = undefined;
      connected = false;
      await Promise.all(closing);
    },

    info: () => ({ mode: config.mode, apiBaseUrl: apiBaseUrlOf(config), ...(adapter.webhookUrl ? { webhookUrl: adapter.webhookUrl } : {}), ...(botUserId ? { botUserId } : {}) }),

    send: (target, message) => sendMessage({ api, sequences, maxTextLength: config.maxTextLength, logger }, target, message),

    download: (attachment, signal) => downloadAttachment(attachment, { maxBytes: config.maxDownloadBytes, timeoutMs: config.requestTimeoutMs * 6 }, signal),
  };
  return adapter;
}
