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
