import type { ScriptedToolCall } from './scripted-reply.js';

/**
 * The JSON-encoded input of a scripted tool call.
 *
 * @param call - The scripted tool call.
 * @returns `arguments` as given when it is a string, otherwise its JSON encoding.
 */
export function toolCallInput(call: ScriptedToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}
