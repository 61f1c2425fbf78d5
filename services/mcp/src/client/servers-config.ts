import { secret } from '@downcity/core';
import { z } from 'zod';

/** The permission a server's tools need when its config names none. */
export const DEFAULT_MCP_PERMISSION = 'mcp';

const SERVER_NAME_RULE = 'MCP server names must be lowercase letters, digits and "-", starting with a letter, at most 32 characters (e.g. "github")';

/** A server name: it becomes part of action (`mcp/<server>/<tool>`) and tool (`mcp_<server>_<tool>`) names. */
export const McpServerNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, SERVER_NAME_RULE);

/**
 * One MCP server: a program run over stdio (`command`, `args`, `env`, `cwd`) or a streamable HTTP
 * endpoint (`url`, `headers`), and how its tools are offered. `env` and `headers` values are
 * treated as secrets (redacted from logs, errors and replies).
 */
export const McpServerConfigSchema = z
  .object({
    command: z.string().min(1).optional().describe('stdio: the program to run, e.g. "npx" or "/usr/local/bin/my-server".'),
    args: z.array(z.string()).optional().describe('stdio: its arguments.'),
    env: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'), secret())
      .optional()
      .describe('stdio: extra environment variables (added to PATH, HOME and the other safe defaults). Values are secrets: redacted from logs.'),
    cwd: z.string().min(1).optional().describe('stdio: the working directory (default: the agent\'s).'),
    url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional().describe('Streamable HTTP: the endpoint URL.'),
    headers: z.record(z.string().min(1), secret()).optional().describe('Streamable HTTP: headers sent with every request, e.g. Authorization. Values are secrets: redacted from logs.'),
    permission: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'must be a permission name: lowercase letters, digits and "-"')
      .default(DEFAULT_MCP_PERMISSION)
      .describe('The auth permission a principal needs to call this server\'s tools (default "mcp"; owners have every permission).'),
    timeoutMs: z.number().int().positive().max(3_600_000).default(60_000).describe('How long one tool call may take, in milliseconds (default 60,000).'),
    maxResultBytes: z
      .number()
      .int()
      .positive()
      .default(100_000)
      .describe('The largest tool result (its JSON, in bytes) passed to the model; a larger one is a tool error (default 100,000).'),
    tools: z.array(z.string().min(1)).optional().describe('Only these tools of the server are offered (default: all).'),
    approval: z
      .boolean()
      .default(false)
      .describe('true: every call to this server\'s tools waits for the chat user\'s /approve <id> (the same flow as the shell); without the chat service such calls are denied.'),
  })
  .strict()
  .superRefine((server, context) => {
    const stdio = server.command !== undefined;
    const http = server.url !== undefined;
    if (stdio === http) {
      context.addIssue({
        code: 'custom',
        message: stdio ? 'set either "command" (a stdio server) or "url" (a streamable HTTP server), not both' : 'set "command" (a stdio server) or "url" (a streamable HTTP server)',
      });
      return;
    }
    const misplaced = stdio ? (['headers'] as const) : (['args', 'env', 'cwd'] as const);
    for (const key of misplaced) {
      if (server[key] !== undefined) context.addIssue({ code: 'custom', path: [key], message: `"${key}" only applies to ${stdio ? 'streamable HTTP servers ("url")' : 'stdio servers ("command")'}` });
    }
  });

/** One parsed MCP server config. */
export type McpServerConfig = z.output<typeof McpServerConfigSchema>;

/** MCP servers whose tools become actions `mcp/<server>/<tool>`, by server name. */
export const McpServersConfigSchema = z
  .record(McpServerNameSchema, McpServerConfigSchema, { error: (issue) => (issue.code === 'invalid_key' ? SERVER_NAME_RULE : undefined) })
  .default({})
  .describe('MCP servers whose tools the agent uses, by name (lowercase, e.g. "github"). Their tools become actions mcp/<server>/<tool>.');
