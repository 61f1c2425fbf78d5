import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';

const SERVER = fileURLToPath(new URL('../../test/stdio-tool-server.ts', import.meta.url));
const LOADER = import.meta.resolve('tsx');

describe('serveToolsOverStdio (a real process, the SDK client)', () => {
  it('tells the client when the tool list changes, and ends when stdin does', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: ['--import', LOADER, SERVER], stderr: 'pipe', env: { PATH: process.env.PATH ?? '' } });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const client = new Client({ name: 'test-client', version: '1.0.0' });
    let changed: () => void = () => {};
    const listChanged = new Promise<void>((resolve) => (changed = resolve));
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => changed());
    try {
      await client.connect(transport);
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['demo_grow']);
      expect((await client.callTool({ name: 'demo_grow', arguments: {} })).structuredContent).toEqual({ added: 'demo_new' });
      await listChanged;
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['demo_grow', 'demo_new']);
    } finally {
      await client.close();
    }
    await expect.poll(() => stderr, { timeout: 10_000 }).toContain('closed');
  });
});
