/** The envelope QQ uses on both the webhook and the gateway: `{id, op, d, s, t}`. */
export interface QqPayload {
  /** Event id (dispatches). */
  id?: string;
  /** Opcode. */
  op: number;
  /** Event data. */
  d?: unknown;
  /** Sequence number (gateway dispatches). */
  s?: number;
  /** Event type (dispatches), e.g. `C2C_MESSAGE_CREATE`. */
  t?: string;
}

/** Opcodes of the QQ gateway and webhook (事件订阅与通知 / opcode). */
export const Opcode = {
  DISPATCH: 0,
  HEARTBEAT: 1,
  IDENTIFY: 2,
  RESUME: 6,
  RECONNECT: 7,
  INVALID_SESSION: 9,
  HELLO: 10,
  HEARTBEAT_ACK: 11,
  HTTP_CALLBACK_ACK: 12,
  CALLBACK_VALIDATION: 13,
} as const;

/** Parses a payload from text; undefined when it is not JSON with a numeric `op`. */
export function parsePayload(text: string): QqPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.op !== 'number') return undefined;
  const payload: QqPayload = { op: record.op, d: record.d };
  if (typeof record.id === 'string') payload.id = record.id;
  if (typeof record.s === 'number') payload.s = record.s;
  if (typeof record.t === 'string') payload.t = record.t;
  return payload;
}
