import { serialize } from 'node:v8';

/** The default largest message an isolated host may send to the agent: 4 MiB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/**
 * The size of a message as it crossed the IPC channel: its V8 serialization (what `serialization: 'advanced'`
 * writes, less the 4-byte length header). Node's channel buffers and deserializes a message before the
 * `message` event and offers no earlier hook, so this is measured on the value it delivered.
 */
export function messageSize(message: unknown): number {
  try {
    return serialize(message).byteLength;
  } catch {
    // Node's own deserializer produced it, so this should not happen; treat it as too large to trust.
    return Number.POSITIVE_INFINITY;
  }
}

/** The reason a host that sent an oversized message is killed with (every call in flight fails with it). */
export function oversizedReason(id: string, size: number, limit: number): string {
  const shown = Number.isFinite(size) ? `a message of ${size} bytes` : 'a message that cannot be measured';
  return `The isolated host of plugin "${id}" sent ${shown}, over the limit of ${limit} bytes (maxMessageBytes); it was killed as misbehaving.`;
}

type ReadHandle = { onread: (...args: unknown[]) => unknown; buffering?: boolean } & Record<symbol, unknown>;

function symbolNamed(target: object, description: string): symbol | undefined {
  return Object.getOwnPropertySymbols(target).find((symbol) => symbol.description === description);
}

/** The size in the 4-byte big-endian header of the message Node is still reading, once 4 bytes are in. */
function announcedSize(chunks: readonly Uint8Array[]): number | undefined {
  const head: number[] = [];
  for (const chunk of chunks) {
    for (let index = 0; index < chunk.length && head.length < 4; index++) head.push(chunk[index] as number);
    if (head.length === 4) break;
  }
  if (head.length < 4) return undefined;
  return ((head[0] as number) * 2 ** 24) + ((head[1] as number) << 16) + ((head[2] as number) << 8) + (head[3] as number);
}

/**
 * Refuses an oversized message while Node is still reading it, before it is buffered whole and deserialized:
 * after every read of the host's IPC channel, the length header of the message in progress is checked, and
 * one over `limit` drops what was buffered, ignores further data and calls `onOversized` (which kills the host).
 *
 * This reads Node's internals of `serialization: 'advanced'` channels (the child's `kChannelHandle` pipe and its
 * `kMessageBuffer`, as in Node 22 and 24), which no public API offers; when they are not found it does nothing
 * and returns false, and {@link messageSize} after delivery remains the check. A message that arrives whole in
 * one read (64 KiB) is delivered before this sees it; that one is caught after delivery.
 *
 * @returns whether the guard is installed
 */
export function guardPartialMessages(child: object, limit: number, onOversized: (size: number) => void): boolean {
  const handleKey = symbolNamed(child, 'kChannelHandle');
  const handle = handleKey ? ((child as Record<symbol, unknown>)[handleKey] as ReadHandle | undefined) : undefined;
  if (!handle || typeof handle.onread !== 'function') return false;
  const bufferKey = symbolNamed(handle, 'kMessageBuffer');
  const sizeKey = symbolNamed(handle, 'kMessageBufferSize');
  if (!bufferKey || !sizeKey || !Array.isArray(handle[bufferKey])) return false;
  const original = handle.onread;
  let refused = false;
  handle.onread = function guardedRead(this: unknown, ...args: unknown[]): unknown {
    // After a refusal only the end of the stream (no buffer) goes on to Node, so the channel still closes.
    if (refused && args[0] !== undefined) return undefined;
    const result = original.apply(this, args);
    const chunks = handle[bufferKey] as Uint8Array[];
    const size = !refused && chunks.length > 0 ? announcedSize(chunks) : undefined;
    if (size !== undefined && size > limit) {
      refused = true;
      handle[bufferKey] = [];
      handle[sizeKey] = 0;
      handle.buffering = false;
      onOversized(size);
    }
    return result;
  };
  return true;
}
