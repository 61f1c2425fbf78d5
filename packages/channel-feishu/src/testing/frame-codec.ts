/**
 * The long connection's binary frame, `pbbp2.Frame`, re-implemented from the protobuf definition
 * bundled in `@larksuiteoapi/node-sdk` (lib/index.js): a proto2 message
 *
 *   message Header { required string key = 1; required string value = 2; }
 *   message Frame {
 *     required uint64 SeqID = 1; required uint64 LogID = 2;
 *     required int32 service = 3; required int32 method = 4;   // method 0 control, 1 data
 *     repeated Header headers = 5;
 *     optional string payloadEncoding = 6; optional string payloadType = 7;
 *     optional bytes payload = 8; optional string LogIDNew = 9;
 *   }
 *
 * Written by hand (not with the SDK's generated codec) so the fake checks the wire format
 * independently of the client it tests.
 */
export interface Frame {
  /** Sequence id. */
  SeqID: number;
  /** Log id. */
  LogID: number;
  /** Service id (from the connect URL's `service_id`). */
  service: number;
  /** 0 control (ping/pong), 1 data (event and its acknowledgement). */
  method: number;
  /** Headers: `type`, `message_id`, `sum`, `seq`, `trace_id`, `biz_rt`... */
  headers: { key: string; value: string }[];
  /** Payload bytes (JSON). */
  payload?: Uint8Array;
}

/** Encodes a frame. */
export function encodeFrame(frame: Frame): Uint8Array {
  const bytes: number[] = [];
  varintField(bytes, 1, frame.SeqID);
  varintField(bytes, 2, frame.LogID);
  varintField(bytes, 3, frame.service);
  varintField(bytes, 4, frame.method);
  for (const header of frame.headers) {
    const inner: number[] = [];
    bytesField(inner, 1, Buffer.from(header.key, 'utf8'));
    bytesField(inner, 2, Buffer.from(header.value, 'utf8'));
    bytesField(bytes, 5, Uint8Array.from(inner));
  }
  if (frame.payload) bytesField(bytes, 8, frame.payload);
  return Uint8Array.from(bytes);
}

/** Decodes a frame; throws on truncated input or missing required fields. */
export function decodeFrame(data: Uint8Array): Frame {
  const fields = readFields(data);
  const number = (id: number): number => {
    const field = fields.find((entry) => entry.id === id);
    if (!field || typeof field.value !== 'number') throw new Error(`frame is missing required field ${id}`);
    return field.value;
  };
  const headers = fields
    .filter((entry) => entry.id === 5 && entry.value instanceof Uint8Array)
    .map((entry) => {
      const inner = readFields(entry.value as Uint8Array);
      const text = (id: number): string => {
        const value = inner.find((field) => field.id === id)?.value;
        return value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : '';
      };
      return { key: text(1), value: text(2) };
    });
  const payload = fields.find((entry) => entry.id === 8)?.value;
  return {
    SeqID: number(1),
    LogID: number(2),
    service: number(3),
    method: number(4),
    headers,
    ...(payload instanceof Uint8Array ? { payload } : {}),
  };
}

function varintField(out: number[], id: number, value: number): void {
  writeVarint(out, (id << 3) | 0);
  writeVarint(out, value);
}

function bytesField(out: number[], id: number, value: Uint8Array): void {
  writeVarint(out, (id << 3) | 2);
  writeVarint(out, value.length);
  for (const byte of value) out.push(byte);
}

function writeVarint(out: number[], value: number): void {
  let rest = BigInt.asUintN(64, BigInt(Math.trunc(value)));
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest > 0n) byte |= 0x80;
    out.push(byte);
  } while (rest > 0n);
}

function readFields(data: Uint8Array): { id: number; value: number | Uint8Array }[] {
  const fields: { id: number; value: number | Uint8Array }[] = [];
  let position = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (position >= data.length) throw new Error('truncated frame');
      const byte = data[position++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (position < data.length) {
    const tag = Number(varint());
    const id = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) fields.push({ id, value: Number(BigInt.asIntN(64, varint())) });
    else if (wire === 2) {
      const length = Number(varint());
      if (position + length > data.length) throw new Error('truncated frame');
      fields.push({ id, value: data.slice(position, position + length) });
      position += length;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  return fields;
}
