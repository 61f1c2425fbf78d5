import { parseWithSchema, ErrorCodes } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { McpServersConfigSchema } from './servers-config.js';

const parse = (value: unknown) => parseWithSchema(McpServersConfigSchema, value, { code: ErrorCodes.CONFIG_INVALID, subject: 'config for service "mcp"', root: 'services.mcp.servers' });

describe('services.mcp.servers', () => {
  it('accepts a stdio and an HTTP server and fills the defaults', () => {
    expect(parse({ files: { command: 'npx', args: ['server'] }, 'git-hub': { url: 'https://example.com/mcp', headers: { Authorization: 'Bearer abcdef' } } })).toEqual({
      files: { command: 'npx', args: ['server'], permission: 'mcp', timeoutMs: 60_000, maxResultBytes: 100_000, approval: false },
      'git-hub': { url: 'https://example.com/mcp', headers: { Authorization: 'Bearer abcdef' }, permission: 'mcp', timeoutMs: 60_000, maxResultBytes: 100_000, approval: false },
    });
  });

  it('says what to fix for a bad name, a server with neither or both transports, and a misplaced field', () => {
    expect(() => parse({ GitHub: { url: 'https://example.com' } })).toThrow(/MCP server names must be lowercase letters, digits and "-"/);
    expect(() => parse({ files: {} })).toThrow(/services\.mcp\.servers\.files: set "command" \(a stdio server\) or "url" \(a streamable HTTP server\)/);
    expect(() => parse({ files: { command: 'x', url: 'https://example.com' } })).toThrow(/not both/);
    expect(() => parse({ files: { url: 'https://example.com', env: { TOKEN: 'abcdef' } } })).toThrow(/services\.mcp\.servers\.files\.env: "env" only applies to stdio servers/);
    expect(() => parse({ files: { url: 'ftp://example.com' } })).toThrow(/must be an http:\/\/ or https:\/\/ URL/);
  });

  it('registers env and header values as secrets, so errors never show them', () => {
    const config = parse({ files: { command: 'x', env: { API_TOKEN: 'env-secret-value-1' } }, web: { url: 'https://example.com', headers: { 'X-Key': 'header-secret-value-2' } } });
    expect(config.files?.env?.API_TOKEN).toBe('env-secret-value-1');
    expect(() => parse({ files: { command: 'x', env: { API_TOKEN: 'env-secret-value-1', 'bad name': 'header-secret-value-2' } } })).toThrow(
      expect.objectContaining({ message: expect.not.stringMatching(/env-secret-value-1|header-secret-value-2/) }),
    );
  });
});
