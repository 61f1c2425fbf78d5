import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answer, readText, type RecordedCall, type ScriptedAnswer } from './fake-qq-http.js';
import { createFakeGateway, type FakeGateway } from './fake-qq-gateway.js';
import { platformSignature } from './fake-qq-signing.js';

/** Options of {@link startFakeQq}. */
export interface FakeQqOptions {
  /** The bot AppID the fake accepts. */
  appId: string;
  /** The bot secret the fake accepts and signs callbacks with. */
  appSecret: string;
  /** `expires_in` of issued tokens, in seconds (default 7200). */
  tokenLifetimeSeconds?: number;
  /** Heartbeat interval announced by the gateway (default 45000). */
  heartbeatIntervalMs?: number;
  /** The bot's guild user id (default `9000000001`). */
  botUserId?: string;
  /** When set, the gateway answers Identify by closing with this code. */
  identifyCloseCode?: number;
}

/** How {@link FakeQq.postCallback} signs a callback. */
export type CallbackSigning = 'valid' | 'forged' | 'missing';

/** A loopback fake of the QQ Bot open platform: token endpoint, OpenAPI, gateway, callbacks and a file CDN. */
export interface FakeQq {
  /** `http://127.0.0.1:port`: the OpenAPI base URL. */
  readonly baseUrl: string;
  /** The token URL. */
  readonly tokenUrl: string;
  /** Every OpenAPI and token call, in order. */
  readonly calls: RecordedCall[];
  /** Message sends (`POST .../messages`), in order. */
  readonly sends: RecordedCall[];
  /** Tokens issued so far. */
  readonly issuedTokens: string[];
  /** The gateway. */
  readonly gateway: FakeGateway;
  /** Answers the next message send(s) with these answers instead of accepting them. */
  scriptSends(...answers: ScriptedAnswer[]): void;
  /** Serves bytes at `/files/<name>`; returns the URL. */
  serveFile(name: string, bytes: Uint8Array, contentType: string): string;
  /** Posts a callback to the bot's webhook as QQ does; resolves with the status and parsed body. */
  postCallback(url: string, payload: unknown, signing?: CallbackSigning, rawBody?: string): Promise<{ status: number; body: unknown }>;
  /** Resolves when `count` sends have arrived. */
  waitForSends(count: number): Promise<RecordedCall[]>;
  /** Stops everything. */
  close(): Promise<void>;
}

/**
 * Starts the fake on 127.0.0.1 (port 0). Built from the QQ bot API v2 docs: `POST /app/getAppAccessToken`
 * (`{appId, clientSecret}` → `{access_token, expires_in}` with `expires_in` a string; wrong
 * credentials → `{code: 100016}`), OpenAPI calls authenticated with `Authorization: QQBot <token>`
 * (else 401), `GET /gateway`, the four message endpoints and the WebSocket gateway.
 */
export async function startFakeQq(options: FakeQqOptions): Promise<FakeQq> {
  const lifetime = options.tokenLifetimeSeconds ?? 7200;
  const tokens = new Map<string, number>();
  const issuedTokens: string[] = [];
  const calls: RecordedCall[] = [];
  const sends: RecordedCall[] = [];
  const scripted: ScriptedAnswer[] = [];
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const sendWaiters: { count: number; resolve: (calls: RecordedCall[]) => void }[] = [];
  const seenSeqs = new Set<string>();
  let messageCounter = 0;

  const isValidToken = (authorization: string): boolean => {
    const match = /^QQBot (.+)$/.exec(authorization);
    const expiry = match ? tokens.get(match[1] as string) : undefined;
    return expiry !== undefined && Date.now() < expiry;
  };
  const { server: wsServer, gateway } = createFakeGateway({
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 45_000,
    isValidToken,
    botUserId: options.botUserId ?? '9000000001',
    ...(options.identifyCloseCode === undefined ? {} : { identifyCloseCode: options.identifyCloseCode }),
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] as string;
    const text = await readText(request);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    const call: RecordedCall = { method: request.method ?? 'GET', path, headers: request.headers, body, at: performance.now() };

    const file = /^\/files\/(.+)$/.exec(path);
    if (file && request.method === 'GET') {
      const served = files.get(file[1] as string);
      if (!served) return answer(response, 404, { message: 'no such file' });
      response.writeHead(200, { 'content-type': served.contentType, 'content-length': served.bytes.byteLength });
      return void response.end(Buffer.from(served.bytes));
    }
    calls.push(call);

    if (path === '/app/getAppAccessToken' && request.method === 'POST') {
      if (!String(request.headers['content-type']).startsWith('application/json')) return answer(response, 200, { code: 100007, message: 'appid invalid' });
      const credentials = (body ?? {}) as { appId?: unknown; clientSecret?: unknown };
      if (credentials.appId !== options.appId || credentials.clientSecret !== options.appSecret) return answer(response, 200, { code: 100016, message: 'invalid appid or secret' });
      const token = `fake-access-token-${issuedTokens.length + 1}`;
      issuedTokens.push(token);
      tokens.set(token, Date.now() + lifetime * 1000);
      return answer(response, 200, { access_token: token, expires_in: String(lifetime) });
    }

    if (!isValidToken(String(request.headers.authorization ?? ''))) return answer(response, 401, { code: 11244, message: 'token not exist or expire' });

    if ((path === '/gateway' || path === '/gateway/bot') && request.method === 'GET') {
      const url = `${baseUrl.replace('http', 'ws')}/websocket`;
      return answer(response, 200, path === '/gateway' ? { url } : { url, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } });
    }

    const send = /^\/(v2\/users|v2\/groups|channels|dms)\/([^/]+)\/messages$/.exec(path);
    if (send && request.method === 'POST') {
      sends.push(call);
      const ready = sendWaiters.filter((waiter) => sends.length >= waiter.count);
      for (const waiter of ready) {
        sendWaiters.splice(sendWaiters.indexOf(waiter), 1);
        waiter.resolve(sends.slice(0, waiter.count));
      }
      const next = scripted.shift();
      if (next) return answer(response, next.status, next.body, next.headers);
      const message = (body ?? {}) as { content?: unknown; msg_id?: unknown; msg_seq?: unknown };
      if (typeof message.content !== 'string' || message.content === '') return answer(response, 400, { code: 50006, message: 'message is empty' });
      if (path.startsWith('/v2/') && message.msg_id !== undefined) {
        const key = `${String(message.msg_id)}#${String(message.msg_seq ?? 1)}`;
        if (seenSeqs.has(key)) return answer(response, 400, { code: 40054005, err_code: 40054005, message: 'msg_seq duplicated' });
        seenSeqs.add(key);
      }
      messageCounter += 1;
      return answer(response, 200, { id: `fake-msg-${messageCounter}`, timestamp: Math.floor(Date.now() / 1000) });
    }
    return answer(response, 404, { code: 404, message: 'not found' });
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => answer(response, 500, { message: String(error) }));
  });
  server.on('upgrade', (request, socket, head) => {
    if ((request.url ?? '').split('?')[0] !== '/websocket') return void socket.destroy();
    wsServer.handleUpgrade(request, socket, head, (ws) => wsServer.emit('connection', ws, request));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    tokenUrl: `${baseUrl}/app/getAppAccessToken`,
    calls,
    sends,
    issuedTokens,
    gateway,
    scriptSends: (...answers) => void scripted.push(...answers),
    serveFile(name, bytes, contentType) {
      files.set(name, { bytes, contentType });
      return `${baseUrl}/files/${name}`;
    },
    async postCallback(url, payload, signing = 'valid', rawBody) {
      const body = rawBody ?? JSON.stringify(payload);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'QQBot-Callback', 'x-bot-appid': options.appId };
      if (signing !== 'missing') {
        headers['x-signature-timestamp'] = timestamp;
        headers['x-signature-method'] = 'Ed25519';
        headers['x-signature-ed25519'] = signing === 'valid' ? platformSignature(options.appSecret, timestamp, body) : platformSignature('not-the-bot-secret', timestamp, body);
      }
      const response = await fetch(url, { method: 'POST', headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep text
      }
      return { status: response.status, body: parsed };
    },
    waitForSends(count) {
      if (sends.length >= count) return Promise.resolve(sends.slice(0, count));
      return new Promise((resolve) => sendWaiters.push({ count, resolve }));
    },
    async close() {
      for (const client of wsServer.clients) client.terminate();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
