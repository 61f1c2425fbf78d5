import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptCallback, signCallback } from './callback-crypto.js';
import { clientConfig, FakeLongConnection } from './fake-long-connection.js';

/** Options for {@link startFakeFeishu}. */
export interface FakeFeishuOptions {
  /** App ID the fake accepts (default `cli_a1b2c3d4e5f6a7b8`). */
  appId?: string;
  /** App Secret the fake accepts (default `fake-app-secret`). */
  appSecret?: string;
  /** The bot's open_id (default `ou_bot`). */
  botOpenId?: string;
  /** `expire` of issued tenant access tokens, seconds (default 7200). */
  tokenExpireSeconds?: number;
}

/** One request the fake received. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Path without query. */
  path: string;
  /** Query parameters. */
  query: Record<string, string>;
  /** `Authorization` header. */
  authorization: string | undefined;
  /** Parsed JSON body, when any. */
  body: unknown;
  /** Arrival time, `performance.now()` ms. */
  at: number;
}

/** A message the bot sent (reply or create). */
export interface SentText {
  /** `reply` (POST /messages/:id/reply) or `create` (POST /messages). */
  via: 'reply' | 'create';
  /** The replied message (reply) or the receive_id (create). */
  target: string;
  /** `receive_id_type` query (create). */
  receiveIdType?: string;
  /** `msg_type`. */
  msgType: string;
  /** `content` parsed. */
  content: { text?: string };
  /** `uuid` (idempotency key). */
  uuid?: string;
  /** The message_id the fake assigned. */
  messageId: string;
}

/** A scripted rate-limit answer. */
export interface RateLimitRule {
  /** Paths starting with this are limited. */
  pathPrefix: string;
  /** How many requests get the answer. */
  remaining: number;
  /** `x-ogw-ratelimit-reset` seconds. */
  resetSeconds: number;
  /** HTTP status (429, or 400 like older APIs). */
  status: 429 | 400;
}

/** A loopback fake of the Feishu open platform. */
export interface FakeFeishu extends AsyncDisposable {
  /** Base URL to use as `domain`. */
  readonly baseUrl: string;
  /** App ID it accepts. */
  readonly appId: string;
  /** App Secret it accepts. */
  readonly appSecret: string;
  /** The bot's open_id. */
  readonly botOpenId: string;
  /** Every request, in order. */
  readonly requests: RecordedRequest[];
  /** Messages the bot sent. */
  readonly sent: SentText[];
  /** Tokens issued so far (the last is the newest). */
  readonly issuedTokens: string[];
  /** The WebSocket side. */
  readonly longConnection: FakeLongConnection;
  /** Serves `bytes` for `GET /open-apis/im/v1/messages/:messageId/resources/:fileKey?type=type`. */
  addResource(messageId: string, fileKey: string, bytes: Uint8Array, type: 'image' | 'file', contentType?: string): void;
  /** Invalidates every issued token (the next call answers code 99991663). */
  revokeTokens(): void;
  /** Answers the next `count` requests under `pathPrefix` with a rate limit. */
  rateLimit(pathPrefix: string, count: number, resetSeconds: number, status?: 429 | 400): void;
  /** Answers the next `count` requests under `pathPrefix` with HTTP 401. */
  unauthorized(pathPrefix: string, count: number): void;
  /** Posts a callback to `url` the way Feishu does (encrypted and signed when `encryptKey` is given). */
  postCallback(url: string, envelope: unknown, options?: CallbackOptions): Promise<{ status: number; body: string }>;
  /** Stops the server and closes every connection. */
  close(): Promise<void>;
}

/** How {@link FakeFeishu.postCallback} signs. */
export interface CallbackOptions {
  /** Encrypt and sign with this key. */
  encryptKey?: string;
  /** `sign` (default with a key), `none` (no signature headers) or `forged` (wrong signature). */
  signature?: 'sign' | 'none' | 'forged';
  /** Override `X-Lark-Request-Timestamp` (seconds). */
  timestamp?: number;
  /** Send this raw body instead of the (encrypted) envelope. */
  rawBody?: string;
}

const invalidToken = { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' };

/**
 * Starts the fake on 127.0.0.1 and a free port. It implements, from the documented wire format:
 * `POST /open-apis/auth/v3/tenant_access_token/internal`, `GET /open-apis/bot/v3/info`,
 * `POST /open-apis/im/v1/messages/:message_id/reply`, `POST /open-apis/im/v1/messages`,
 * `GET /open-apis/im/v1/messages/:message_id/resources/:file_key`, `POST /callback/ws/endpoint`
 * and the long-connection WebSocket, plus rate-limit (429 + `x-ogw-ratelimit-reset`) and
 * invalid-token answers on demand.
 */
export async function startFakeFeishu(options: FakeFeishuOptions = {}): Promise<FakeFeishu> {
  const appId = options.appId ?? 'cli_a1b2c3d4e5f6a7b8';
  const appSecret = options.appSecret ?? 'fake-app-secret';
  const botOpenId = options.botOpenId ?? 'ou_bot';
  const requests: RecordedRequest[] = [];
  const sent: SentText[] = [];
  const issuedTokens: string[] = [];
  const validTokens = new Set<string>();
  const resources = new Map<string, { bytes: Uint8Array; type: string; contentType: string }>();
  const rateLimits: RateLimitRule[] = [];
  const unauthorizedRules: { pathPrefix: string; remaining: number }[] = [];
  const longConnection = new FakeLongConnection();
  let origin = '';

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const raw = await readBody(request);
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = undefined;
    }
    const path = url.pathname;
    requests.push({
      method: request.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.authorization,
      body,
      at: performance.now(),
    });
    const limit = rateLimits.find((rule) => rule.remaining > 0 && path.startsWith(rule.pathPrefix));
    if (limit) {
      limit.remaining -= 1;
      return json(response, limit.status, { code: 99991400, msg: 'request trigger frequency limit' }, {
        'x-ogw-ratelimit-limit': '100',
        'x-ogw-ratelimit-reset': String(limit.resetSeconds),
      });
    }
    const denied = unauthorizedRules.find((rule) => rule.remaining > 0 && path.startsWith(rule.pathPrefix));
    if (denied) {
      denied.remaining -= 1;
      return json(response, 401, { code: 99991663, msg: 'unauthorized' });
    }

    if (request.method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') {
      const { app_id: id, app_secret: secret } = (body ?? {}) as { app_id?: unknown; app_secret?: unknown };
      if (id !== appId || secret !== appSecret) return json(response, 200, { code: 10014, msg: 'app secret invalid' });
      const token = `t-${randomUUID().replaceAll('-', '')}`;
      issuedTokens.push(token);
      validTokens.add(token);
      return json(response, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire: options.tokenExpireSeconds ?? 7_200 });
    }
    if (request.method === 'POST' && path === '/callback/ws/endpoint') {
      const { AppID, AppSecret } = (body ?? {}) as { AppID?: unknown; AppSecret?: unknown };
      if (AppID !== appId || AppSecret !== appSecret) return json(response, 200, { code: 514, msg: 'auth failed', data: {} });
      return json(response, 200, { code: 0, msg: 'ok', data: { URL: longConnection.connectUrl(origin), ClientConfig: clientConfig } });
    }
    if (path.startsWith('/open-apis/')) {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!token || !validTokens.has(token)) return json(response, 400, invalidToken);
    }
    if (request.method === 'GET' && path === '/open-apis/bot/v3/info') {
      return json(response, 200, {
        code: 0,
        msg: 'ok',
        bot: { activate_status: 2, app_name: 'Fake Bot', avatar_url: 'https://example.invalid/a.png', ip_white_list: [], open_id: botOpenId },
      });
    }
    const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
    if (request.method === 'POST' && (reply || path === '/open-apis/im/v1/messages')) {
      if (raw.length > 150 * 1024) return json(response, 400, { code: 230025, msg: 'request body too large' });
      const data = (body ?? {}) as { msg_type?: unknown; content?: unknown; receive_id?: unknown; uuid?: unknown };
      if (typeof data.msg_type !== 'string' || typeof data.content !== 'string') return json(response, 400, { code: 230001, msg: 'invalid request param' });
      const receiveIdType = url.searchParams.get('receive_id_type') ?? undefined;
      if (!reply && (receiveIdType !== 'chat_id' || typeof data.receive_id !== 'string')) {
        return json(response, 400, { code: 230001, msg: 'invalid receive_id' });
      }
      let content: { text?: string };
      try {
        content = JSON.parse(data.content) as { text?: string };
      } catch {
        return json(response, 400, { code: 230001, msg: 'content is not JSON' });
      }
      // Feishu sends at most one message per uuid within an hour: a repeat gets the first message back.
      const repeated = typeof data.uuid === 'string' ? sent.find((message) => message.uuid === data.uuid) : undefined;
      if (repeated) {
        return json(response, 200, {
          code: 0,
          msg: 'success',
          data: { message_id: repeated.messageId, msg_type: repeated.msgType, chat_id: 'oc_chat', create_time: String(Date.now()), body: { content: JSON.stringify(repeated.content) } },
        });
      }
      const messageId = `om_sent_${sent.length + 1}`;
      sent.push({
        via: reply ? 'reply' : 'create',
        target: reply ? (reply[1] as string) : (data.receive_id as string),
        ...(receiveIdType ? { receiveIdType } : {}),
        msgType: data.msg_type,
        content,
        ...(typeof data.uuid === 'string' ? { uuid: data.uuid } : {}),
        messageId,
      });
      return json(response, 200, {
        code: 0,
        msg: 'success',
        data: { message_id: messageId, msg_type: data.msg_type, chat_id: 'oc_chat', create_time: String(Date.now()), body: { content: data.content } },
      });
    }
    const resource = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && resource) {
      const found = resources.get(`${resource[1]}/${resource[2]}`);
      if (!found) return json(response, 400, { code: 234003, msg: 'file not found' });
      if (url.searchParams.get('type') !== found.type) return json(response, 400, { code: 234001, msg: 'invalid request param: type' });
      response.writeHead(200, { 'content-type': found.contentType, 'content-length': found.bytes.length });
      response.end(Buffer.from(found.bytes));
      return;
    }
    json(response, 404, { code: 404, msg: 'not found' });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => json(response, 500, { code: 500, msg: String(error) }));
  });
  server.on('upgrade', (request, socket, head) => longConnection.upgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const close = async (): Promise<void> => {
    longConnection.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };

  return {
    baseUrl: origin,
    appId,
    appSecret,
    botOpenId,
    requests,
    sent,
    issuedTokens,
    longConnection,
    addResource(messageId, fileKey, bytes, type, contentType = 'application/octet-stream') {
      resources.set(`${messageId}/${fileKey}`, { bytes, type, contentType });
    },
    revokeTokens() {
      validTokens.clear();
    },
    rateLimit(pathPrefix, count, resetSeconds, status = 429) {
      rateLimits.push({ pathPrefix, remaining: count, resetSeconds, status });
    },
    unauthorized(pathPrefix, count) {
      unauthorizedRules.push({ pathPrefix, remaining: count });
    },
    postCallback: (url, envelope, callbackOptions = {}) => postCallback(url, envelope, callbackOptions),
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function postCallback(url: string, envelope: unknown, options: CallbackOptions): Promise<{ status: number; body: string }> {
  const plain = JSON.stringify(envelope);
  const rawBody = options.rawBody ?? (options.encryptKey ? JSON.stringify({ encrypt: encryptCallback(plain, options.encryptKey) }) : plain);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = options.signature ?? (options.encryptKey ? 'sign' : 'none');
  if (signature !== 'none') {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1_000));
    const nonce = randomUUID();
    headers['x-lark-request-timestamp'] = timestamp;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = signature === 'forged' ? signCallback(timestamp, nonce, 'not-the-key', rawBody) : signCallback(timestamp, nonce, options.encryptKey ?? '', rawBody);
  }
  const response = await fetch(url, { method: 'POST', headers, body: rawBody });
  return { status: response.status, body: await response.text() };
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
