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
  /** For the first message of a model step: the step's token usage and how long it took (tools included). */
  step?: StepFacts;
}

/** A model step's cost, as core stores it on the step's first message (`metadata.usage`, `metadata.durationMs`). */
export interface StepFacts {
  /** Prompt tokens, when the provider reported them. */
  inputTokens?: number;
  /** Completion tokens, when the provider reported them. */
  outputTokens?: number;
  /** Milliseconds the step took. */
  durationMs?: number;
}

/** Token use and model time summed over messages. */
export interface UsageTotals {
  /** Model steps counted. */
  steps: number;
  /** Prompt tokens. */
  inputTokens: number;
  /** Completion tokens. */
  outputTokens: number;
  /** Milliseconds of model steps, tools included. */
  durationMs: number;
}

const isObject = (value: JsonValue | undefined): value is { [key: string]: JsonValue } => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

/**
 * A tool result's output without the AI SDK's envelope (`{ type: 'json' | 'text', value }`), so a person sees what the
 * tool returned; other outputs (errors, content parts, denials) keep their envelope, which says what they are.
 */
export function toolOutputView(output: JsonValue | undefined): JsonValue {
  if (isObject(output) && (output.type === 'json' || output.type === 'text') && 'value' in output) return output.value ?? null;
  return output ?? null;
}

function partView(part: JsonValue): MessagePartView {
  if (!isObject(part)) return { type: 'other', kind: typeof part };
  const kind = text(part.type);
  if (kind === 'text' || kind === 'reasoning') return { type: 'text', text: text(part.text) };
  if (kind === 'tool-call') return { type: 'tool-call', toolCallId: text(part.toolCallId), toolName: text(part.toolName), input: part.input ?? null };
  if (kind === 'tool-result') return { type: 'tool-result', toolCallId: text(part.toolCallId), toolName: text(part.toolName), output: toolOutputView(part.output) };
  return { type: 'other', kind: kind || 'unknown' };
}

const count = (value: JsonValue | undefined): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);

/** The step facts of a message's metadata; undefined when it is not the first message of a model step. */
function stepFacts(metadata: StoredMessage['metadata']): StepFacts | undefined {
  const usage = isObject(metadata.usage) ? metadata.usage : undefined;
  const durationMs = count(metadata.durationMs);
  if (!usage && durationMs === undefined) return undefined;
  const inputTokens = count(usage?.inputTokens);
  const outputTokens = count(usage?.outputTokens);
  return {
    ...(inputTokens === undefined ? {} : { inputTokens }),
    ...(outputTokens === undefined ? {} : { outputTokens }),
    ...(durationMs === undefined ? {} : { durationMs }),
  };
}

/** A stored message (AI SDK `ModelMessage` content: a string or parts) as the console shows it. */
export function messageView(message: StoredMessage): MessageView {
  const parts = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : Array.isArray(message.content) ? message.content.map(partView) : [];
  const step = stepFacts(message.metadata);
  return { seq: message.seq, role: message.role, createdAt: message.createdAt, parts, metadata: message.metadata, ...(step ? { step } : {}) };
}

/** Sums the step facts of `messages`. */
export function usageTotals(messages: readonly MessageView[]): UsageTotals {
  const totals: UsageTotals = { steps: 0, inputTokens: 0, outputTokens: 0, durationMs: 0 };
  for (const { step } of messages) {
    if (!step) continue;
    totals.steps++;
    totals.inputTokens += step.inputTokens ?? 0;
    totals.outputTokens += step.outputTokens ?? 0;
    totals.durationMs += step.durationMs ?? 0;
  }
  return totals;
}
