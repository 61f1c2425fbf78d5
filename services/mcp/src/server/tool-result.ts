import { redactSecrets } from '@downcity/core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/**
 * An action's output as an MCP tool result: a text block (a string as is, anything else as JSON) and, for an
 * object, the same value as `structuredContent`.
 */
export function toolResult(output: unknown): CallToolResult {
  const text = typeof output === 'string' ? output : (JSON.stringify(output) ?? 'null');
  return { content: [{ type: 'text', text }], ...(isPlainObject(output) ? { structuredContent: output } : {}) };
}

/**
 * A failed call as an MCP tool result (`isError: true`), so the client's model reads why and may try
 * otherwise: the error's message (bad input, a guard's denial, the action's own failure), secrets redacted.
 */
export function toolError(error: unknown): CallToolResult {
  const message = error instanceof Error ? error.message : String(error);
  return { isError: true, content: [{ type: 'text', text: redactSecrets(message) }] };
}
