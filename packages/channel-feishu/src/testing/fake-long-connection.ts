import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame, type Frame } from './frame-codec.js';

/** The long-connection settings the fake hands out (seconds, as the endpoint answers them). */
export const clientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 };

/** The service id the fake puts in connect URLs. */
export const serviceId = 7;

/** An acknowledgement the client sent back for an event frame. */
export interface EventAck {
  /** `code` of the ack payload: 200 handled, 500 handler failed. */
  code: number;
  /** Headers of the ack frame (includes `biz_rt`). */
  headers: Record<string, string>;
}

/**
 * The WebSocket side of the long connection, as the SDK's `WSClient` expects it: the client
 * connects to the URL from `/callback/ws/endpoint`, sends control frames `type=ping` and gets
 * `type=pong` with the client config as payload; the server sends data frames `type=event`
 * (possibly in `sum` fragments) and the client answers each with the same frame plus a
 * `{ "code": 200 }` payload once its handler resolved.
 */
export class FakeLongConnection {
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sockets = new Set<WebSocket>();
  readonly #acks = new Map<string, (ack: EventAck) => void>();
  readonly #ticket = randomUUID();
  #sequence = 0;
  /** Ping frames received. */
  pings = 0;
  /** Connections accepted so far. */
  connections = 0;

  /** The connect URL for a server at `origin` (http://host:port). */
  connectUrl(origin: string): string {
    const url = new URL('/ws/v2', origin.replace(/^http/, 'ws'));
    url.search = new URLSearchParams({ device_id: 'fake-device', service_id: String(serviceId), ticket: this.#ticket }).toString();
    return url.toString();
  }

  /** Handles an HTTP upgrade; refuses connect URLs without the issued ticket. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (url.pathname !== '/ws/v2' || url.searchParams.get('ticket') !== this.#ticket) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
  }

  /** Whether a client is connected. */
  get connected(): boolean {
    return this.#sockets.size > 0;
  }

  /** Waits until a client is connected (after a reconnect, for instance). */
  async waitForConnection(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.connected) {
      if (Date.now() > deadline) throw new Error('no long-connection client connected');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Pushes an event envelope to the connected client, split into `fragments` data frames, and
   * resolves with the client's acknowledgement.
   */
  push(envelope: unknown, options: { fragments?: number; timeoutMs?: number } = {}): Promise<EventAck> {
    const socket = [...this.#sockets][0];
    if (!socket) return Promise.reject(new Error('no long-connection client connected'));
    const bytes = Buffer.from(typeof envelope === 'string' ? envelope : JSON.stringify(envelope), 'utf8');
    const fragments = Math.max(1, Math.min(options.fragments ?? 1, bytes.length));
    const messageId = randomUUID();
    const traceId = randomUUID();
    const size = Math.ceil(bytes.length / fragments);
    const acknowledged = new Promise<EventAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#acks.delete(messageId);
        reject(new Error('event not acknowledged in time'));
      }, options.timeoutMs ?? 5_000);
      this.#acks.set(messageId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
    for (let seq = 0; seq < fragments; seq += 1) {
      const frame: Frame = {
        SeqID: ++this.#sequence,
        LogID: this.#sequence,
        service: serviceId,
        method: 1,
        headers: [
          { key: 'type', value: 'event' },
          { key: 'message_id', value: messageId },
          { key: 'sum', value: String(fragments) },
          { key: 'seq', value: String(seq) },
          { key: 'trace_id', value: traceId },
        ],
        payload: bytes.subarray(seq * size, (seq + 1) * size),
      };
      socket.send(encodeFrame(frame));
    }
    return acknowledged;
  }

  /** Sends raw bytes (to test that garbage frames do not break the client). */
  sendRaw(data: Uint8Array): void {
    for (const socket of this.#sockets) socket.send(data);
  }

  /** Drops every connection (the client should reconnect). */
  dropConnections(): void {
    for (const socket of this.#sockets) socket.terminate();
  }

  /** Closes everything. */
  close(): void {
    for (const socket of this.#sockets) socket.terminate();
    this.#server.close();
    for (const resolve of this.#acks.values()) resolve({ code: -1, headers: {} });
    this.#acks.clear();
  }

  #accept(socket: WebSocket): void {
    this.connections += 1;
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => this.#sockets.delete(socket));
    socket.on('message', (data: Buffer) => {
      let frame: Frame;
      try {
        frame = decodeFrame(data);
      } catch {
        return;
      }
      const headers = Object.fromEntries(frame.headers.map((header) => [header.key, header.value]));
      if (frame.method === 0 && headers.type === 'ping') {
        this.pings += 1;
        socket.send(
          encodeFrame({
            SeqID: 0,
            LogID: 0,
            service: frame.service,
            method: 0,
            headers: [{ key: 'type', value: 'pong' }],
            payload: Buffer.from(JSON.stringify(clientConfig)),
          }),
        );
        return;
      }
      if (frame.method === 1 && headers.type === 'event' && headers.message_id) {
        const payload = JSON.parse(Buffer.from(frame.payload ?? new Uint8Array()).toString('utf8')) as { code?: number };
        this.#acks.get(headers.message_id)?.({ code: payload.code ?? 0, headers });
        this.#acks.delete(headers.message_id);
      }
    });
  }
}
