import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DowncityError, ErrorCodes } from '@downcity/core';

/** What the model gets back from an MCP tool: its text, or its structured content when the tool returns some. */
export type McpToolOutput = string | { structuredContent: Record<string, unknown>; text?: string };

type ContentBlock = CallToolResult['content'][number];

/** The decoded size of base64 data, without decoding it. */
function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

/** One content block as text: text as is; images, audio and binary resources as a short note (the model gets no bytes). */
function blockText(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type} ${block.mimeType}, ${base64Bytes(block.data)} bytes, not shown]`;
    case 'resource':
      return 'text' in block.resource ? block.resource.text : `[resource ${block.resource.uri}${block.resource.mimeType ? ` (${block.resource.mimeType})` : ''}, binary, not shown]`;
    case 'resource_link':
      return `[resource ${block.uri}${block.name ? ` "${block.name}"` : ''}]`;
    default:
      return `[${(block as { type: string }).type} content, not shown]`;
  }
}

/**
 * Maps an MCP `tools/call` result to the tool output the model sees, or throws the error it
 * should see: a result with `isError` becomes a tool error with the tool's text; a result whose
 * JSON is larger than `maxResultBytes` becomes a tool error saying so. Text blocks are joined by
 * blank lines; `structuredContent`, when present, is returned as an object (with the text beside it).
 */
export function toolOutput(options: { server: string; tool: string; result: CallToolResult; maxResultBytes: number }): McpToolOutput {
  const { server, tool, result, maxResultBytes } = options;
  const bytes = Buffer.byteLength(JSON.stringify(result));
  if (bytes > maxResultBytes) {
    throw new DowncityError(
      ErrorCodes.INPUT_INVALID,
      `The result of MCP tool "${tool}" of server "${server}" is ${bytes} bytes, more than the ${maxResultBytes} allowed (services.mcp.servers.${server}.maxResultBytes); it was dropped. Ask for less (a narrower query, fewer items), or raise the limit.`,
    );
  }
  const text = (result.content ?? []).map(blockText).join('\n\n');
  if (result.isError) {
    throw new DowncityError(ErrorCodes.INTERNAL, `MCP tool "${tool}" of server "${server}" reported an error: ${text || '(no message)'}`);
  }
  if (result.structuredContent) return text ? { structuredContent: result.structuredContent, text } : { structuredContent: result.structuredContent };
  return text;
}
