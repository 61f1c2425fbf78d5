import { configJsonSchema } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { McpConfigSchema } from '../config.js';
import { McpServeConfigSchema } from './serve-config.js';

describe('services.mcp.serve', () => {
  it('is in the manifest as the config schema gives it (regenerate pkg.downcity.config after changing it)', () => {
    const schema = configJsonSchema(McpConfigSchema) as { properties: Record<string, unknown> };
    expect((pkg.downcity.config as { properties: Record<string, unknown> }).properties.serve).toEqual(schema.properties.serve);
  });

  it('serves nothing over HTTP unless http is set, and defaults the path to /mcp', () => {
    expect(McpServeConfigSchema.parse(undefined)).toEqual({});
    expect(McpServeConfigSchema.parse({ http: {} })).toEqual({ http: { path: '/mcp' } });
    expect(McpServeConfigSchema.parse({ http: { path: '/tools/mcp', port: 9000, host: '127.0.0.1' } })).toEqual({ http: { path: '/tools/mcp', port: 9000, host: '127.0.0.1' } });
  });

  it('says what to fix in a bad path, port or key', () => {
    expect(McpServeConfigSchema.safeParse({ http: { path: 'mcp' } }).error?.issues[0]).toMatchObject({ path: ['http', 'path'], message: 'must be a URL path starting with "/", e.g. "/mcp"' });
    expect(McpServeConfigSchema.safeParse({ http: { port: 70_000 } }).error?.issues[0]?.path).toEqual(['http', 'port']);
    expect(McpServeConfigSchema.safeParse({ http: { token: 'x' } }).error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['token'] });
  });
});
