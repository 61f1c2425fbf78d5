import type { ProjectShape } from '../../project/project-shape.js';
import { CHANNEL_PACKAGES } from '../../project/project-packages.js';
import { uses } from '../../project/project-shape.js';
import { lines, quote } from '../render.js';

/** How the generated test builds an AI SDK 7 provider instance for the chosen model, and the fake it talks to. */
const PROVIDER_TESTS = {
  openai: {
    imports: ["import { createOpenAI } from '@ai-sdk/openai';"],
    fake: 'startFakeOpenAI',
    model: "createOpenAI({ baseURL: fake.baseURL, apiKey: 'test' })('gpt-4o-mini')",
    reply: "{ text: 'Hi from the model' }",
  },
  anthropic: {
    imports: ["import { createAnthropic } from '@ai-sdk/anthropic';"],
    fake: 'startFakeAnthropic',
    model: "createAnthropic({ baseURL: fake.baseURL, apiKey: 'test' })('claude-sonnet-4-5')",
    reply: "{ content: [{ type: 'text', text: 'Hi from the model' }] }",
  },
  ollama: {
    imports: ["import { createOllama } from 'ollama-ai-provider-v2';"],
    fake: 'startFakeOllama',
    model: "createOllama({ baseURL: fake.baseURL })('qwen2.5:7b')",
    reply: "{ content: 'Hi from the model' }",
  },
  'openai-compatible': {
    imports: ["import { createOpenAICompatible } from '@ai-sdk/openai-compatible';"],
    fake: 'startFakeOpenAI',
    model: "createOpenAICompatible({ name: 'compatible', baseURL: fake.baseURL, apiKey: 'test' })('model')",
    reply: "{ text: 'Hi from the model' }",
  },
} as const;

function providerTest(shape: ProjectShape): string[] {
  if (shape.options.model === 'none') return [];
  const spec = PROVIDER_TESTS[shape.options.model];
  return [
    '',
    "  it('runs a turn on an AI SDK 7 provider instance, against a loopback fake of its API', async () => {",
    `    await using fake = await ${spec.fake}();`,
    `    fake.enqueue(${spec.reply});`,
    `    const model = ${spec.model};`,
    "    const agent = createAgent({ model, logger: { level: 'silent' } });",
    '    await agent.start();',
    "    await agent.session.open('test:provider', { kind: 'chat' });",
    "    const { text } = await agent.session.turn('test:provider', { input: [{ role: 'user', content: 'hi' }] });",
    '    await agent.stop();',
    "    expect(text).toBe('Hi from the model');",
    "    expect(model.specificationVersion).toBe('v4');",
    '  });',
  ];
}

function loadedIds(shape: ProjectShape): string[] {
  const services = (['chat', 'task', 'memory', 'shell'] as const).filter((feature) => uses(shape, feature));
  const channels = shape.options.channels.filter((channel) => CHANNEL_PACKAGES[channel] !== undefined);
  const plugins = (['auth', 'asr'] as const).filter((feature) => uses(shape, feature));
  return [...services, ...channels, ...plugins, 'greeting'];
}

/**
 * The project's test/agent.test.ts: loads the project with `loadProject` from `@downcity/cli` (as `downcity start`
 * does), starts its services and plugins with `@downcity/testing` (a scripted model, an in-memory store, only the
 * HTTP channel on a free port) and checks the sample plugin acts on a chat turn.
 *
 * @param shape - the project shape
 */
export function projectAgentTest(shape: ProjectShape): string {
  const env = shape.env.map((variable) => `  ${variable.name}: ${quote(variable.testValue)},`);
  return lines(
    "import { fileURLToPath } from 'node:url';",
    "import { loadProject } from '@downcity/cli';",
    ...(shape.options.model === 'none' ? [] : PROVIDER_TESTS[shape.options.model].imports),
    `import { ${shape.options.model === 'none' ? '' : 'createAgent, '}createMemoryStore } from '@downcity/core';`,
    `import { ${shape.options.model === 'none' ? '' : `${PROVIDER_TESTS[shape.options.model].fake}, `}startTestAgent, type TestAgent } from '@downcity/testing';`,
    "import { describe, expect, it } from 'vitest';",
    '',
    "const root = fileURLToPath(new URL('..', import.meta.url));",
    '',
    '/** Stand-ins for the variables in .env, so the config loads without real secrets. */',
    'const env: Record<string, string> = {',
    ...env,
    '};',
    '/** A reply of the HTTP channel with `Accept: application/json`. */',
    'interface HttpReply {',
    '  status: string;',
    '  sessionId?: string;',
    '  text?: string;',
    '}',
    '',
    '/** Loads the project as `downcity start` does: .env, downcity.config.ts and every `use` entry. */',
    'function load() {',
    "  return loadProject(root, { env, store: createMemoryStore(), terminal: 'off', logger: { level: 'silent' } });",
    '}',
    '',
    '/**',
    ' * Starts the project\'s services and plugins with a scripted model that answers "echo: <text>", an in-memory',
    ' * store, and only the HTTP channel on a free port: tests never reach Telegram, Feishu or QQ.',
    ' */',
    'async function startAgent(): Promise<TestAgent> {',
    '  const project = await load();',
    "  const chat = { ...(project.input.services?.chat as Record<string, unknown> | undefined), channels: { http: { port: 0 } } };",
    '  return startTestAgent({',
    '    env: project.env,',
    "    services: project.packages.flatMap((entry) => (entry.kind === 'service' ? [entry.definition] : [])),",
    "    plugins: project.packages.flatMap((entry) => (entry.kind === 'plugin' ? [entry.definition] : [])),",
    "    config: { ...project.input, store: { kind: 'memory' }, services: { ...project.input.services, chat } },",
    '  });',
    '}',
    '',
    '/** Sends `text` through the HTTP channel as Ada (user "tester", with a per-user token of her own) and waits for the reply. */',
    'async function send(harness: TestAgent, text: string): Promise<HttpReply> {',
    "  const { channels } = await harness.agent.invoke('chat/channels', {});",
    "  const url = String(channels.find((channel) => channel.id === 'http')?.info.url);",
    "  const { token } = await harness.agent.invoke('chat/http-token-create', { user: 'tester' });",
    '  const response = await fetch(`${url}/v1/messages`, {',
    "    method: 'POST',",
    "    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },",
    "    body: JSON.stringify({ text, chatId: 'test-chat', user: { id: 'tester', displayName: 'Ada' } }),",
    '  });',
    '  return (await response.json()) as HttpReply;',
    '}',
    '',
    '// Loading every package in use (the AI SDK, the platform SDKs) is the slow part: give a busy machine time.',
    `describe(${quote(shape.options.name)}, { timeout: 30_000 }, () => {`,
    "  it('loads downcity.config.ts and every package in use', async () => {",
    '    const project = await load();',
    `    expect(project.packages.map((entry) => entry.id)).toEqual([${loadedIds(shape).map(quote).join(', ')}]);`,
    '  });',
    '',
    "  it('greets people who say hello (the greeting plugin on chat/before-reply)', async () => {",
    '    await using harness = await startAgent();',
    "    harness.model?.enqueue({ text: 'How can I help?' }); // the next model reply; later ones echo",
    "    expect(await send(harness, 'hello there')).toMatchObject({ status: 'answered', text: 'Hello, Ada! How can I help?' });",
    '  });',
    '',
    "  it('leaves other replies as the model wrote them', async () => {",
    '    await using harness = await startAgent();',
    "    expect(await send(harness, 'what can you do?')).toMatchObject({ status: 'answered', text: 'echo: what can you do?' });",
    '  });',
    ...providerTest(shape),
    '});',
  );
}
