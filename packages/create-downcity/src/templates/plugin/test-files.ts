import type { PluginShape } from './plugin-shape.js';
import { lines, propertyKey } from '../render.js';

const TASKS = [
  "            { id: 'nightly', schedule: { kind: 'manual' }, instructions: 'Summarize the day.' },",
  "            { id: 'hourly', schedule: { kind: 'manual' }, instructions: 'Check the queue.' },",
];

/**
 * test/harness.ts: starts an agent with the plugin, the services it attaches to, a scripted model that answers
 * "echo: <text>" and a logger that records; and sends chat messages through the HTTP channel.
 *
 * @param shape - the plugin shape
 */
export function pluginHarness(shape: PluginShape): string {
  const chat = shape.needs.has('chat') || shape.servicePackages.includes('@downcity/chat');
  const task = shape.servicePackages.includes('@downcity/task');
  const shell = shape.servicePackages.includes('@downcity/shell');
  const services = [chat && 'createChatService({ channels: [httpChannel] })', task && 'taskService', shell && 'shellService'].filter((entry): entry is string => typeof entry === 'string');
  return lines(
    chat && "import { createChatService, httpChannel } from '@downcity/chat';",
    "import type { Logger, LogMethod } from '@downcity/core';",
    shell && "import { shellService } from '@downcity/shell';",
    task && "import { taskService } from '@downcity/task';",
    "import { startTestAgent, type TestAgent } from '@downcity/testing';",
    "import type { ConfigInput } from '../src/config.js';",
    "import { plugin } from '../src/index.js';",
    '',
    '/** One line the agent logged. */',
    'export interface LogLine {',
    '  level: string;',
    '  message: string | undefined;',
    '  fields: Record<string, unknown>;',
    '}',
    '',
    '/** A running test agent with the plugin loaded, and every line it logged. */',
    'export interface PluginAgent extends TestAgent {',
    '  readonly logs: LogLine[];',
    '}',
    '',
    'function recordingLogger(logs: LogLine[]): Logger {',
    '  const method =',
    '    (level: string): LogMethod =>',
    '    (first: Record<string, unknown> | string, message?: string) =>',
    "      void logs.push(typeof first === 'string' ? { level, message: first, fields: {} } : { level, message, fields: first });",
    "  const logger: Logger = { trace: method('trace'), debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error'), child: () => logger };",
    '  return logger;',
    '}',
    '',
    '/**',
    ' * Starts an agent with the plugin (configured with `config`) and the services it attaches to: an in-memory store',
    ' * and a scripted model that answers "echo: <text>". Dispose it with `await using`.',
    ' */',
    'export async function startAgent(options: { config?: ConfigInput } = {}): Promise<PluginAgent> {',
    '  const logs: LogLine[] = [];',
    '  const harness = await startTestAgent({',
    '    logger: recordingLogger(logs),',
    `    services: [${services.join(', ')}],`,
    '    plugins: [plugin],',
    '    config: {',
    '      services: {',
    chat && '        chat: { channels: { http: { port: 0 } } },',
    task && '        task: {',
    task && '          tasks: [',
    ...(task ? TASKS : []),
    task && '          ],',
    task && '        },',
    shell && '        // No sandbox, so the tests run without bubblewrap: they only run ls.',
    shell && "        shell: { sandbox: 'none' },",
    '      },',
    `      plugins: { ${propertyKey(shape.options.id)}: options.config ?? {} },`,
    '    },',
    '  });',
    '  return Object.assign(harness, { logs });',
    '}',
    ...(chat
      ? [
          '',
          '/** A reply of the HTTP channel with `Accept: application/json`. */',
          'export interface HttpReply {',
          '  status: string;',
          '  sessionId?: string;',
          '  text?: string;',
          '}',
          '',
          '/** Sends `text` through the HTTP channel as the user "tester" (with a per-user token of its own) and waits for the reply. */',
          "export async function send(agent: TestAgent, text: string, options: { chatId?: string } = {}): Promise<HttpReply> {",
          "  const { channels } = await agent.agent.invoke('chat/channels', {});",
          "  const url = String(channels.find((channel) => channel.id === 'http')?.info.url);",
          "  const { token } = await agent.agent.invoke('chat/http-token-create', { user: 'tester' });",
          '  const response = await fetch(`${url}/v1/messages`, {',
          "    method: 'POST',",
          "    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },",
          "    body: JSON.stringify({ text, chatId: options.chatId ?? 'test-chat', user: 'tester' }),",
          '  });',
          '  return (await response.json()) as HttpReply;',
          '}',
        ]
      : []),
  );
}

/**
 * test/plugin.test.ts: one test per attached point, through a real agent.
 *
 * @param shape - the plugin shape
 */
export function pluginTest(shape: PluginShape): string {
  const usesVi = shape.needs.has('logs');
  const usesSend = shape.needs.has('chat');
  const cases = shape.points.map((point) => point.tests.split('\n').map((line) => `  ${line}`).join('\n'));
  return lines(
    `import { describe, expect, it${usesVi ? ', vi' : ''} } from 'vitest';`,
    `import { ${usesSend ? 'send, ' : ''}startAgent } from './harness.js';`,
    '',
    `describe('${shape.options.name}', () => {`,
    cases.join('\n\n'),
    '});',
  );
}
