import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

/** A frame the fake gateway received. */
export interface ReceivedFrame {
  /** Opcode. */
  op: number;
  /** Data. */
  d: unknown;
}

/** The fake gateway: speaks the documented QQ WebSocket protocol. */
export interface FakeGateway {
  /** Frames received from the bot, in order. */
  readonly frames: ReceivedFrame[];
  /** Number of open sockets ever accepted. */
  readonly connections: number;
  /** Whether a bot socket is open. */
  readonly connected: boolean;
  /** Sends (or, when disconnected, queues for replay) a dispatch; returns its `s`. */
  dispatch(type: string, data: unknown): number;
  /** Sends raw text on the socket (malformed frames). */
  sendRaw(text: string): void;
  /** Drops the socket without a close frame (a network failure). */
  drop(): void;
  /** Closes the socket with a close code. */
  closeWith(code: number): void;
  /** Sends op 7 Reconnect. */
  requestReconnect(): void;
  /** Sends op 9 Invalid Session. */
  invalidateSession(): void;
  /** Resolves when a frame with `op` arrived (counting from `after` frames). */
  waitForFrame(op: number, after?: number): Promise<ReceivedFrame>;
}

/** Options of {@link createFakeGateway}. */
export interface FakeGatewayOptions {
  /** Heartbeat interval announced in Hello. */
  heartbeatIntervalMs: number;
  /** Whether a `QQBot <token>` is currently valid. */
  isValidToken(authorization: string): boolean;
  /** The bot's user id in READY. */
  botUserId: string;
  /** When set, Identify is answered by closing with this code (e.g. 4014, intent not permitted). */
  identifyCloseCode?: number;
}

interface Session {
  id: string;
  seq: number;
  log: { s: number; text: string }[];
}

/**
 * Creates the gateway side of the fake: Hello on connect; Identify (token, intents, shard) →
 * READY with a session id; heartbeats answered with op 11; Resume (session_id, seq) replays every
 * logged dispatch after `seq` and then sends RESUMED. Dispatches sent while no socket is open are
 * logged and only reach the bot through a Resume, as on the real gateway.
 */
export function createFakeGateway(options: FakeGatewayOptions): { server: WebSocketServer; gateway: FakeGateway } {
  const server = new WebSocketServer({ noServer: true });
  const frames: ReceivedFrame[] = [];
  const waiters: { op: number; after: number; resolve: (frame: ReceivedFrame) => void }[] = [];
  let socket: WebSocket | undefined;
  let session: Session | undefined;
  let connections = 0;
  let live = false;

  function send(payload: unknown): void {
    if (socket && live) socket.send(JSON.stringify(payload));
  }

  function record(frame: ReceivedFrame): void {
    frames.push(frame);
    const matches = waiters.map((waiter) => ({ waiter, index: frames.findIndex((candidate, position) => position >= waiter.after && candidate.op === waiter.op) }));
    for (const { waiter, index } of matches) {
      if (index < 0) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(frames[index] as ReceivedFrame);
    }
  }

  server.on('connection', (ws) => {
    connections += 1;
    socket = ws;
    live = false;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs } }));
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as ReceivedFrame;
      record(frame);
      const data = (frame.d ?? {}) as Record<string, unknown>;
      if (frame.op === 1) return void ws.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) {
        if (!options.isValidToken(String(data.token)) || typeof data.intents !== 'number') return void ws.close(4004, 'authentication failed');
        if (options.identifyCloseCode !== undefined) return void ws.close(options.identifyCloseCode, 'refused');
        session = { id: randomUUID(), seq: 0, log: [] };
        live = true;
        session.seq += 1;
        const shard = Array.isArray(data.shard) ? data.shard : [0, 1];
        send({ op: 0, s: session.seq, t: 'READY', d: { version: 1, session_id: session.id, user: { id: options.botUserId, username: 'fake-bot', bot: true }, shard } });
        return;
      }
      if (frame.op === 6) {
        if (!session || data.session_id !== session.id || !options.isValidToken(String(data.token))) return void ws.send(JSON.stringify({ op: 9, d: false }));
        live = true;
        const after = Number(data.seq);
        for (const entry of session.log) if (entry.s > after) ws.send(entry.text);
        session.seq += 1;
        send({ op: 0, s: session.seq, t: 'RESUMED', d: '' });
      }
    });
    ws.on('close', () => {
      if (socket === ws) {
        socket = undefined;
        live = false;
      }
    });
  });

  const gateway: FakeGateway = {
    frames,
    get connections() {
      return connections;
    },
    get connected() {
      return socket !== undefined && live;
    },
    dispatch(type, data) {
      if (!session) throw new Error('no gateway session yet');
      session.seq += 1;
      const text = JSON.stringify({ op: 0, id: `${type}:${randomUUID()}`, s: session.seq, t: type, d: data });
      session.log.push({ s: session.seq, text });
      if (socket && live) socket.send(text);
      return session.seq;
    },
    sendRaw(text) {
      socket?.send(text);
    },
    drop() {
      live = false;
      socket?.terminate();
    },
    closeWith(code) {
      live = false;
      socket?.close(code, 'fake close');
    },
    requestReconnect() {
      socket?.send(JSON.stringify({ op: 7 }));
    },
    invalidateSession() {
      session = undefined;
      socket?.send(JSON.stringify({ op: 9, d: false }));
    },
    waitForFrame(op, after = 0) {
      const index = frames.findIndex((candidate, position) => position >= after && candidate.op === op);
      if (index >= 0) return Promise.resolve(frames[index] as ReceivedFrame);
      return new Promise((resolve) => waiters.push({ op, after, resolve }));
    },
  };
  return { server, gateway };
}
