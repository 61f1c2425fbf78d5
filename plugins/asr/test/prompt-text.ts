import type { ScriptedModelCall } from '@downcity/testing';

/** The system prompt of a recorded model call. */
export function systemText(call: ScriptedModelCall | undefined): string {
  return (call?.prompt ?? []).map((message) => (message.role === 'system' ? message.content : '')).join('\n');
}

/** The text of the last user message of a recorded model call. */
export function lastUserText(call: ScriptedModelCall | undefined): string {
  const user = (call?.prompt ?? []).filter((message) => message.role === 'user').at(-1);
  return user ? user.content.map((part) => (part.type === 'text' ? part.text : '')).join('') : '';
}
