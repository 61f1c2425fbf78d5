import { DowncityError, ErrorCodes, type Logger } from '@downcity/core';
import WebSocket from 'ws';
import type { AccessTokens } from '../api/access-token.js';
import type { OpenApi } from '../api/open-api.js';
import { settingPath } from '../config.js';
import { Opcode, parsePayload, type QqPayload } from '../events/payload.js';
import { closeActionOf, fatalCloseHint } from './close-codes.js';

/** Options of {@link createGatewayClient}. */
export interface GatewayClientOptions {
  /** Fetches the gateway URL (`GET /gateway`). */
  api: OpenApi;
  /** Token for Identify and Resume. */
  tokens: AccessTokens;
  /** The intents number. */
  intents: number;
  /** `[shardId, shardCount]`. */
  shard: [number, number];
  /** First reconnect delay. */
  reconnectDelayMs: number;
  /** Longest reconnect delay. */
  maxReconnectDelayMs: number;
  /** Where the connection is logged. */
  logger: Logger;
  /** Called on READY with the bot's user. */
  onReady(user: { id: string; username?: string }): void;
  /** Handles one dispatch; resolves once it is stored or skipped. */
  onDispatch(payload: QqPayload): Promise<void>;
}

/** The gateway connection. */
export interface GatewayClient {
  /** Connects; resolves on the first READY, rejects when the first attempt cannot succeed. */
  start(): Promise<void>;
  /** Closes the socket and every timer. */
  stop(): Promise<void>;
}

const DEFAULT_HEARTBEAT_MS = 45_000;
const CLOSE_WAIT_MS = 2000;
const HANDLER_WAIT_MS = 5000;

/**
 * The QQ WebSocket gateway (事件订阅与通知 / WebSocket 方式): `GET /gateway` → url; op 10 Hello →
 * op 2 Identify (`QQBot <token>`, intents, shard) → READY (session_id); op 1 heartbeats carry the
 * last acknowledged `s`. Dispatches are handled one at a time and a sequence number is
 * acknowledged (sent in heartbeats and Resume) only after its handler resolved. After a drop
 * or op 7 the client reconnects with op 6 Resume (session_id, seq) so QQ replays what was not
 * acknowledged; replays at or below that seq are skipped. Op 9 and the "new session" close
 * codes start over with Identify.
 */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const { logger } = options;
  let socket: WebSocket | undefined;
  let sessionId: string | undefined;
  let ackedSeq: number | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let awaitingAck = false;
  let failures = 0;
  let stopped = false;
  let everReady = false;
  let queue: Promise<void> = Promise.resolve();
  let firstReady: { resolve: () => void; reject: (error: unknown) => void } | undefined;

  function send(payload: QqPayload): void {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }

  function stopHeartbeat(): void {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = undefined;
    awaitingAck = false;
  }

  function startHeartbeat(intervalMs: number, current: WebSocket): void {
    stopHeartbeat();
    heartbeat = setInterval(() => {
      if (awaitingAck) {
        logger.warn('QQ gateway missed a heartbeat ack; reconnecting');
        current.terminate();
        return;
      }
      awaitingAck = true;
      send({ op: Opcode.HEARTBEAT, d: ackedSeq ?? null });
    }, intervalMs);
  }

  async function open(): Promise<void> {
    const answer = (await options.api.call({ method: 'GET', path: '/gateway', what: 'fetching the gateway URL', idempotent: true })) as { url?: unknown } | undefined;
    const url = answer?.url;
    if (typeof url !== 'string' || !/^wss?:\/\//.test(url)) throw new DowncityError(ErrorCodes.INTERNAL, 'QQ answered GET /gateway without a WebSocket url.');
    if (stopped) return;
    const current = new WebSocket(url);
    socket = current;
    // Each connection has its own chain of dispatches; a failed delivery poisons only this connection.
    let poisoned = false;
    current.on('message', (data) => {
      const payload = parsePayload(data.toString());
      if (payload === undefined) {
        logger.warn('QQ gateway frame is not a QQ payload; skipped');
        return;
      }
      onPayload(payload, current, () => poisoned, () => (poisoned = true));
    });
    current.on('error', (error) => logger.warn({ err: error }, 'QQ gateway socket error'));
    current.on('close', (code) => onClose(code, current));
  }

  function onPayload(payload: QqPayload, current: WebSocket, isPoisoned: () => boolean, poison: () => void): void {
    switch (payload.op) {
      case Opcode.HELLO: {
        const interval = (payload.d as { heartbeat_interval?: unknown } | undefined)?.heartbeat_interval;
        startHeartbeat(typeof interval === 'number' && interval > 0 ? interval : DEFAULT_HEARTBEAT_MS, current);
        // Resume only after in-flight deliveries settled, so the seq sent is the last one stored.
        void queue.then(() => authenticate(current)).catch((error: unknown) => {
          logger.error({ err: error }, 'QQ gateway could not authenticate');
          current.terminate();
        });
        return;
      }
      case Opcode.DISPATCH:
        return onDispatchFrame(payload, current, isPoisoned, poison);
      case Opcode.HEARTBEAT:
        send({ op: Opcode.HEARTBEAT, d: ackedSeq ?? null });
        return;
      case Opcode.HEARTBEAT_ACK:
        awaitingAck = false;
        return;
      case Opcode.RECONNECT:
        logger.info('QQ gateway asked to reconnect');
        current.terminate();
        return;
      case Opcode.INVALID_SESSION:
        logger.warn('QQ gateway said the session is invalid; identifying again');
        sessionId = undefined;
        ackedSeq = undefined;
        if (!everReady) {
          failFirst(
            new DowncityError(
              ErrorCodes.CONFIG_INVALID,
              `QQ refused the gateway session (Invalid Session). Check ${settingPath('gateway.intents')} (events the bot has no permission for) and ${settingPath('appSecret')}.`,
            ),
          );
        }
        current.terminate();
        return;
      default:
        logger.debug({ op: payload.op }, 'QQ gateway opcode ignored');
    }
  }

  async function authenticate(current: WebSocket): Promise<void> {
    if (current !== socket || current.readyState !== WebSocket.OPEN) return;
    const token = `QQBot ${await options.tokens.get()}`;
    if (sessionId !== undefined) {
      logger.info({ seq: ackedSeq ?? 0 }, 'QQ gateway resuming');
      send({ op: Opcode.RESUME, d: { token, session_id: sessionId, seq: ackedSeq ?? 0 } });
    } else {
      send({ op: Opcode.IDENTIFY, d: { token, intents: options.intents, shard: options.shard, properties: { $os: process.platform, $browser: '@downcity/channel-qq', $device: '@downcity/channel-qq' } } });
    }
  }

  function onDispatchFrame(payload: QqPayload, current: WebSocket, isPoisoned: () => boolean, poison: () => void): void {
    if (payload.t === 'READY') {
      const data = (payload.d ?? {}) as { session_id?: unknown; user?: { id?: unknown; username?: unknown } };
      if (typeof data.session_id !== 'string') {
        logger.warn('QQ gateway READY without a session_id; skipped');
        return;
      }
      sessionId = data.session_id;
      ackedSeq = payload.s;
      if (typeof data.user?.id === 'string') options.onReady({ id: data.user.id, ...(typeof data.user.username === 'string' ? { username: data.user.username } : {}) });
      return markReady('ready');
    }
    if (payload.t === 'RESUMED') return markReady('resumed');
    const seq = payload.s;
    queue = queue.then(async () => {
      if (isPoisoned() || current !== socket) return;
      if (seq !== undefined && ackedSeq !== undefined && seq <= ackedSeq) {
        logger.debug({ seq }, 'QQ gateway replayed an event already stored; skipped');
        return;
      }
      try {
        await options.onDispatch(payload);
      } catch (error) {
        logger.error({ err: error, eventType: payload.t }, 'QQ event could not be stored; resuming so QQ replays it');
        poison();
        current.terminate();
        return;
      }
      if (seq !== undefined) ackedSeq = Math.max(ackedSeq ?? 0, seq);
    }).catch((error: unknown) => logger.error({ err: error }, 'QQ gateway dispatch failed'));
  }

  function markReady(how: 'ready' | 'resumed'): void {
    failures = 0;
    everReady = true;
    logger.info({ how }, 'QQ gateway connected');
    firstReady?.resolve();
    firstReady = undefined;
  }

  function failFirst(error: unknown): void {
    if (!firstReady) return;
    firstReady.reject(error);
    firstReady = undefined;
    stopped = true;
  }

  function onClose(code: number, current: WebSocket): void {
    if (current !== socket) return;
    socket = undefined;
    stopHeartbeat();
    if (stopped) return;
    const action = closeActionOf(code);
    if (action === 'fatal') {
      const error = new DowncityError(ErrorCodes.CONFIG_INVALID, `QQ gateway closed the connection for good (code ${code}): ${fatalCloseHint(code)}.`);
      logger.error({ code }, error.message);
      if (firstReady) failFirst(error);
      stopped = true;
      return;
    }
    if (!everReady) {
      failFirst(new DowncityError(ErrorCodes.INTERNAL, `QQ gateway closed the connection (code ${code}) before the session was ready. Check ${settingPath('gateway.intents')} and the network, then connect again.`));
      stopped = true;
      return;
    }
    if (action === 'identify') {
      sessionId = undefined;
      ackedSeq = undefined;
    }
    scheduleReconnect(code);
  }

  function scheduleReconnect(reason: number | string): void {
    const delay = Math.min(options.maxReconnectDelayMs, options.reconnectDelayMs * 2 ** failures);
    failures += 1;
    logger.info({ reason, delayMs: delay, resume: sessionId !== undefined }, 'QQ gateway reconnecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (stopped) return;
      open().catch((error: unknown) => {
        logger.error({ err: error }, 'QQ gateway reconnect failed');
        if (!stopped) scheduleReconnect('open failed');
      });
    }, delay);
  }

  return {
    start() {
      stopped = false;
      return new Promise<void>((resolve, reject) => {
        firstReady = { resolve, reject };
        open().catch((error: unknown) => failFirst(error));
      });
    },
    async stop() {
      stopped = true;
      failFirst(new DowncityError(ErrorCodes.ABORTED, 'The QQ channel was disconnected before the gateway was ready.'));
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      stopHeartbeat();
      const current = socket;
      socket = undefined;
      if (current && current.readyState !== WebSocket.CLOSED) {
        await new Promise<void>((resolve) => {
          const fallback = setTimeout(() => {
            current.terminate();
            resolve();
          }, CLOSE_WAIT_MS);
          current.once('close', () => {
            clearTimeout(fallback);
            resolve();
          });
          current.close(1000, 'disconnect');
        });
      }
      await settle(queue, HANDLER_WAIT_MS);
    },
  };
}

async function settle(promise: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  if (timer) clearTimeout(timer);
}
