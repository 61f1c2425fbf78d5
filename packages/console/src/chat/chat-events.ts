import type { ReplyStep } from '@downcity/chat';
import { toolOutputView, type MessagePartView } from '../api/message-view.js';

/**
 * The server-sent events of `POST <console>/api/chat/messages`, in order: `accepted`, then `delta` (text as the
 * model writes it) and `step` (each finished model step: its text, tool calls with arguments, tool results),
 * then exactly one of `done`, `stopped` or `failed`.
 */
export type ChatEvent =
  | { event: 'accepted'; data: { messageId: string; sessionId: string } }
  | { event: 'delta'; data: { text: string } }
  | { event: 'step'; data: { index: number; parts: MessagePartView[] } }
  | { event: 'done'; data: { text: string } }
  | { event: 'stopped'; data: { text: string } }
  | { event: 'failed'; data: { code: string; message: string } };

/** A finished step as the console shows it: the same parts as a stored message in the history. */
export function stepEvent(step: ReplyStep): ChatEvent {
  const parts: MessagePartView[] = [
    ...(step.text === '' ? [] : [{ type: 'text' as const, text: step.text }]),
    ...step.toolCalls.map((call) => ({ type: 'tool-call' as const, toolCallId: call.toolCallId, toolName: call.toolName, input: call.input })),
    ...step.toolResults.map((result) => ({ type: 'tool-result' as const, toolCallId: result.toolCallId, toolName: result.toolName, output: toolOutputView(result.output) })),
  ];
  return { event: 'step', data: { index: step.index, parts } };
}

/** One event in the SSE wire format. */
export function encodeEvent(event: ChatEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
