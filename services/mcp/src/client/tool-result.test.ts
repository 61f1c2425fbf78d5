import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { toolOutput } from './tool-result.js';

const output = (result: CallToolResult, maxResultBytes = 10_000) => toolOutput({ server: 'files', tool: 'read', result, maxResultBytes });

describe('toolOutput (an MCP result as the model sees it)', () => {
  it('joins text and describes what the model cannot read', () => {
    expect(
      output({
        content: [
          { type: 'text', text: 'first' },
          { type: 'resource', resource: { uri: 'file:///a.txt', text: 'inside a.txt' } },
          { type: 'resource', resource: { uri: 'file:///b.bin', mimeType: 'application/octet-stream', blob: 'AAAA' } },
          { type: 'resource_link', uri: 'file:///c.md', name: 'c' },
          { type: 'audio', data: 'AAAAAA==', mimeType: 'audio/wav' },
        ],
      }),
    ).toBe('first\n\ninside a.txt\n\n[resource file:///b.bin (application/octet-stream), binary, not shown]\n\n[resource file:///c.md "c"]\n\n[audio audio/wav, 4 bytes, not shown]');
  });

  it('returns structured content as an object', () => {
    expect(output({ content: [], structuredContent: { rows: 2 } })).toEqual({ structuredContent: { rows: 2 } });
  });

  it('turns isError into a tool error carrying the tool text', () => {
    expect(() => output({ content: [{ type: 'text', text: 'no such file' }], isError: true })).toThrow('MCP tool "read" of server "files" reported an error: no such file');
    expect(() => output({ content: [], isError: true })).toThrow('reported an error: (no message)');
  });

  it('refuses a result larger than maxResultBytes, counting bytes not characters', () => {
    expect(() => output({ content: [{ type: 'text', text: 'é'.repeat(40) }] }, 80)).toThrow(/is \d+ bytes, more than the 80 allowed \(services\.mcp\.servers\.files\.maxResultBytes\)/);
  });
});
