import { describe, expect, it } from 'vitest';
import { safeToolName } from './safe-tool-name.js';

describe('safeToolName', () => {
  it('keeps simple action names readable', () => {
    expect(safeToolName('chat/send')).toBe('chat_send');
    expect(safeToolName('mcp/github/create.issue')).toBe('mcp_github_create_issue');
  });

  it('shortens long names to 64 characters, deterministically and distinctly', () => {
    const long = `mcp/server/${'a'.repeat(80)}`;
    const other = `mcp/server/${'a'.repeat(81)}`;
    expect(safeToolName(long)).toHaveLength(64);
    expect(safeToolName(long)).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(safeToolName(long)).toBe(safeToolName(long));
    expect(safeToolName(long)).not.toBe(safeToolName(other));
  });
});
