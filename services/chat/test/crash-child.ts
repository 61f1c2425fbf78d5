// A child process for the crash tests: starts an agent on a libSQL file, delivers one message, and then
// hangs (in the model, or in the second reply chunk) until the test kills it with SIGKILL.
import { createAgent } from '@downcity/core';
import { createLibsqlStore } from '@downcity/store-libsql';
import { createScriptedModel } from '@downcity/testing';
import { z } from 'zod';
import { createChatService, defineChannel, type ChannelAdapter, type InboundSink } from '../src/index.js';

const [databasePath, mode] = process.argv.slice(2) as [string, 'hang-model' | 'hang-send'];
const report = (line: string): void => void process.stdout.write(`${line}\n`);
const never = new Promise<never>(() => {});

const scripted = createScriptedModel({ default: { text: 'First part of the answer.\n\nSecond part of the answer.\n\nThird part of the answer.' } });
const model = {
  specificationVersion: 'v4' as const,
  provider: 'child',
  modelId: 'child',
  supportedUrls: {},
  doGenerate: async (options: Parameters<typeof scripted.doGenerate>[0]) => {
    report('model-called');
    if (mode === 'hang-model') return never;
    return scripted.doGenerate(options);
  },
  doStream: async () => never,
};

let sink: InboundSink | undefined;
let sends = 0;
const adapter: ChannelAdapter = {
  id: 'test',
  account: 'bot',
  capabilities: { maxTextLength: 30, typing: false, attachments: false, streaming: false },
  connect: async (given) => void (sink = given),
  disconnect: async () => void (sink = undefined),
  send: async (_target, message) => {
    sends++;
    report(`sent:${message.text}`);
    if (mode === 'hang-send' && sends === 2) return never;
    return { messageId: `child-${sends}` };
  },
};

const agent = createAgent({
  logger: { level: 'silent' },
  store: createLibsqlStore({ path: databasePath }),
  model,
  services: [createChatService({ channels: [defineChannel({ id: 'test', config: z.object({}), create: () => adapter })] })],
  config: { services: { chat: { channels: { test: {} } } } },
});
await agent.start();
const result = await sink?.deliver({
  channel: 'test',
  account: 'bot',
  messageId: 'crash-1',
  chat: { id: 'c1', type: 'direct' },
  sender: { id: 'u1' },
  text: 'are you still there?',
  attachments: [],
  mentions: { self: true, userIds: [] },
  sentAt: Date.now(),
});
report(`delivered:${result?.status}`);
setInterval(() => {}, 60_000);
