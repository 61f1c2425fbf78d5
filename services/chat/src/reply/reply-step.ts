import type { JsonValue, TurnStep } from '@downcity/core';
import type { ReplyStep } from '../channel/channel.js';

type Part = { [key: string]: JsonValue };

const isPart = (value: JsonValue): value is Part => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

/** The parts of a stored message's content (a plain string counts as one text part). */
function partsOf(content: JsonValue): Part[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter(isPart) : [];
}

/** A stored model step (AI SDK messages: assistant text and tool calls, then tool results) as a channel sees it. */
export function replyStepOf(step: TurnStep): ReplyStep {
  const result: ReplyStep = { index: step.index, text: '', toolCalls: [], toolResults: [] };
  for (const message of step.messages) {
    for (const part of partsOf(message.content)) {
      if (message.role === 'assistant' && part.type === 'text') result.text += text(part.text);
      else if (part.type === 'tool-call') result.toolCalls.push({ toolCallId: text(part.toolCallId), toolName: text(part.toolName), input: part.input ?? null });
      else if (part.type === 'tool-result') result.toolResults.push({ toolCallId: text(part.toolCallId), toolName: text(part.toolName), output: part.output ?? null });
    }
  }
  return result;
}
