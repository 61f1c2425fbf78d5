import { randomUUID } from 'node:crypto';
import { DowncityError, ErrorCodes, type JsonObject, type MountedRoute } from '@downcity/core';
import { createHttpSurface } from '@downcity/http';
import { defineChannel, type ChannelAdapter, type ChannelSetup } from '../../channel/channel.js';
import { sharedTokenDigest, type Credentials } from './credentials/authenticate.js';
import { USER_TOKENS_COLLECTION, UserTokenStore } from './credentials/user-token-store.js';
import { createHttpApp } from './http-app.js';
import { HttpChannelConfigSchema, type HttpChannelConfig } from './http-config.js';
import { PendingReplies } from './pending-replies.js';
import { RelayedReplies } from './relayed-replies.js';

/** Creates the HTTP channel adapter; it is served on `connect`. */
function createHttpAdapter(setup: ChannelSetup<HttpChannelConfig>): ChannelAdapter {
  const { config, logger } = setup;
  const pending = new PendingReplies();
  const credentials: Credentials = {
    config,
    sharedDigest: sharedTokenDigest(config.token),
    tokens: setup.collection ? new UserTokenStore(setup.collection(USER_TOKENS_COLLECTION)) : undefined,
  };
  let route: MountedRoute | undefined;
  // In a cluster, replies reach the request from the worker that runs the turn.
  const relay = setup.events ? new RelayedReplies({ events: setup.events, pending, logger }) : undefined;

  return {
    id: 'http',
    account: config.account,
    capabilities: { maxTextLength: config.maxTextLength, typing: false, attachments: false, streaming: true, privateSessions: true },
    // Reserved whether or not a token is configured: personal credentials can never speak as it.
    sharedPrincipals: [`http:${config.sharedUser}`],

    async connect(sink) {
      if (route) throw new DowncityError(ErrorCodes.AGENT_STATE, 'The HTTP channel is already connected.');
      await relay?.start();
      const app = createHttpApp({ config, sink, pending, credentials, host: setup.host, logger });
      // On the agent's shared surface unless host or port give the channel an address of its own.
      const surface = setup.http ?? createHttpSurface({ logger });
      route = await surface.mount({
        name: 'the HTTP channel',
        path: '/',
        fetch: app.fetch,
        ...(config.host === undefined ? {} : { host: config.host }),
        ...(config.port === undefined ? {} : { port: config.port }),
      });
      // Which credentials are accepted, never their values.
      const accepts = ['per-user tokens', ...(config.assertions ? ['user assertions'] : []), ...(config.token === undefined ? [] : [`the shared token (as http:${config.sharedUser})`])];
      logger.info({ url: route.url, accepts }, 'HTTP channel listening');
    },

    async disconnect() {
      const serving = route;
      route = undefined;
      pending.abortAll();
      await serving?.unmount();
      await relay?.stop();
    },

    async send(target) {
      // Replies reach the client through settled(); the text is already stored in the session.
      return { messageId: target.inboundMessageId ? `${target.inboundMessageId}:reply:${randomUUID()}` : `push:${randomUUID()}` };
    },

    openStream(target) {
      if (relay) return target.inboundMessageId === undefined ? undefined : relay.openStream(target.inboundMessageId);
      const waiters = pending.get(target.inboundMessageId).filter((waiter) => waiter.streaming);
      if (waiters.length === 0) return undefined;
      return {
        write: (delta) => {
          for (const waiter of waiters) waiter.delta(delta);
        },
        end: () => {},
      };
    },

    settled(outcome) {
      if (relay) return relay.settled(outcome);
      for (const waiter of pending.get(outcome.messageId)) waiter.settled(outcome);
    },

    info(): JsonObject {
      return route ? { url: route.url } : {};
    },
  };
}

/**
 * The HTTP channel: `POST /v1/messages` answers with the reply as a server-sent event stream (or JSON with
 * `Accept: application/json`), `GET /v1/sessions/:id/messages` reads history, `GET /healthz` checks liveness.
 * It is served on the agent's shared HTTP surface (`http` in the agent config, `127.0.0.1:8787` by default), or
 * on an address of its own when `host` or `port` is set. Every request but `/healthz` needs a bearer credential,
 * and the credential decides who speaks: a per-user token (`downcity auth token create <user>`) or a user
 * assertion signed by your backend speaks as `http:<user>`; the shared `token` speaks only as
 * `http:<sharedUser>`, never an owner. See the README.
 */
export const httpChannel = defineChannel({
  id: 'http',
  config: HttpChannelConfigSchema,
  create: (setup) => createHttpAdapter(setup),
});
