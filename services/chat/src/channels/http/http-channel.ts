import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DowncityError, ErrorCodes, type JsonObject } from '@downcity/core';
import { defineChannel, type ChannelAdapter, type ChannelSetup } from '../../channel/channel.js';
import { sharedTokenDigest, type Credentials } from './credentials/authenticate.js';
import { USER_TOKENS_COLLECTION, UserTokenStore } from './credentials/user-token-store.js';
import { HttpChannelConfigSchema, type HttpChannelConfig } from './http-config.js';
import { HttpProblem, sendProblem } from './http-problem.js';
import { PendingReplies } from './pending-replies.js';
import { routeRequest } from './route-request.js';

/** Creates the HTTP channel adapter; the server starts on `connect`. */
function createHttpAdapter(setup: ChannelSetup<HttpChannelConfig>): ChannelAdapter {
  const { config, logger } = setup;
  const pending = new PendingReplies();
  const sockets = new Set<Socket>();
  const credentials: Credentials = {
    config,
    sharedDigest: sharedTokenDigest(config.token),
    tokens: setup.collection ? new UserTokenStore(setup.collection(USER_TOKENS_COLLECTION)) : undefined,
  };
  let server: Server | undefined;
  let url = '';

  return {
    id: 'http',
    account: config.account,
    capabilities: { maxTextLength: config.maxTextLength, typing: false, attachments: false, streaming: true, privateSessions: true },
    // Reserved whether or not a token is configured: personal credentials can never speak as it.
    sharedPrincipals: [`http:${config.sharedUser}`],

    async connect(sink) {
      if (server) throw new DowncityError(ErrorCodes.AGENT_STATE, 'The HTTP channel is already connected.');
      const options = { config, sink, pending, credentials, host: setup.host };
      const created = createServer({ keepAliveTimeout: 5_000 }, (request, response) => {
        routeRequest(request, response, options).catch((error: unknown) => {
          if (response.headersSent) return void response.destroy();
          if (error instanceof HttpProblem) return sendProblem(response, error);
          logger.error({ err: error }, 'HTTP request failed');
          sendProblem(response, new HttpProblem('UNAVAILABLE', 'The request failed inside the agent; it was not stored. Try again.'));
        });
      });
      created.on('connection', (socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve, reject) => {
        created.once('error', reject);
        created.listen(config.port, config.host, () => {
          created.off('error', reject);
          resolve();
        });
      });
      server = created;
      const address = created.address() as AddressInfo;
      url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
      // Which credentials are accepted, never their values.
      const accepts = ['per-user tokens', ...(config.assertions ? ['user assertions'] : []), ...(config.token === undefined ? [] : [`the shared token (as http:${config.sharedUser})`])];
      logger.info({ url, accepts }, 'HTTP channel listening');
    },

    async disconnect() {
      const closing = server;
      server = undefined;
      pending.abortAll();
      if (!closing) return;
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        closing.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
    },

    async send(target) {
      // Replies reach the client through settled(); the text is already stored in the session.
      return { messageId: target.inboundMessageId ? `${target.inboundMessageId}:reply:${randomUUID()}` : `push:${randomUUID()}` };
    },

    openStream(target) {
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
      for (const waiter of pending.get(outcome.messageId)) waiter.settled(outcome);
    },

    info(): JsonObject {
      return url === '' ? {} : { url };
    },
  };
}

/**
 * The HTTP channel: `POST /v1/messages` answers with the reply as a server-sent event stream (or JSON with
 * `Accept: application/json`), `GET /v1/sessions/:id/messages` reads history, `GET /healthz` checks liveness.
 * Every request but `/healthz` needs a bearer credential, and the credential decides who speaks: a per-user
 * token (`downcity auth token create <user>`) or a user assertion signed by your backend speaks as
 * `http:<user>`; the shared `token` speaks only as `http:<sharedUser>`, never an owner. See the README.
 */
export const httpChannel = defineChannel({
  id: 'http',
  config: HttpChannelConfigSchema,
  create: (setup) => createHttpAdapter(setup),
});
