import type { JsonValue, StoredMessage } from '@downcity/core';

/** One part of a message as the console shows it. */
export type MessagePartView =
  | { type: 'text'; text: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: JsonValue }
  | { type: 'tool-result'; toolCallId: string; toolName: string; output: JsonValue }
  | { type: 'other'; kind: string };

/** A stored message as the console shows it. */
export interface MessageView {
  /** Position in the session. */
  seq: number;
  /** Who spoke. */
  role: StoredMessage['role'];
  /** Write time, epoch milliseconds. */
  createdAt: number;
  /** Text, tool calls with their arguments, tool results. */
  parts: MessagePartView[];
  /** The message metadata (platform ids, sender, turn id). */
  metadata: StoredMessage['metadata'];
}

const isObject = (value: JsonValue | undefined): value is { [key: string]: JsonValue } => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

function partView(part: JsonValue): MessagePartView {
  if (!isObject(part)) return { type: 'other', kind: typeof part };
  const kind = text(part.type);
  if (kind === 'text' || kind === 'reasoning') return { type: 'text', text: text(part.text) };
  if (kind === 'tool-call') return { type: 'tool-call', toolCallId: text(part.toolCallId), toolName: text(part.toolName), input: part.input ?? null };
  if (kind === 'tool-result') return { type: 'tool-result', toolCallId: text(part.toolCallId), toolName: text(part.toolName), output: part.output ?? null };
  return { type: 'other', kind: kind || 'unknown' };
}

/** A stored message (AI SDK `ModelMessage` content: a string or parts) as the console shows it. */
export function messageView(message: StoredMessage): MessageView {
  const parts = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : Array.isArray(message.content) ? message.content.map(partView) : [];
  return { seq: message.seq, role: message.role, createdAt: message.createdAt, parts, metadata: message.metadata };
}
