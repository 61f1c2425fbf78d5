import { MockLanguageModelV4 } from 'ai/test';
import { z } from 'zod';
import { defineAction, definePlugin, defineService, type ManifestInput, type PluginInstance, type ServiceInstance } from '../src/index.js';
import type { ExecutionContext } from '../src/index.js';

/** A service definition with an inline manifest. */
export function testService(manifest: Omit<ManifestInput & { kind: 'service' }, 'kind'>, setup: (context: ExecutionContext) => ServiceInstance | Promise<ServiceInstance> = () => ({}), version = '1.0.0') {
  return defineService({ package: { name: `test-${manifest.id}`, version, downcity: { kind: 'service', ...manifest } }, setup });
}

/** A plugin definition with an inline manifest. */
export function testPlugin(manifest: Omit<ManifestInput & { kind: 'plugin' }, 'kind'>, setup: (context: ExecutionContext) => PluginInstance | Promise<PluginInstance>, peerCore?: string) {
  return definePlugin({
    package: { name: `test-${manifest.id}`, version: '1.0.0', downcity: { kind: 'plugin', ...manifest }, ...(peerCore ? { peerDependencies: { '@downcity/core': peerCore } } : {}) },
    setup,
  });
}

type Step = { text: string } | { tool: string; input: unknown };

/** A model that answers each call with the next scripted step (text or one tool call). */
export function scriptedModel(steps: Step[], fallback: Step = { text: 'ok' }) {
  const queue = [...steps];
  return new MockLanguageModelV4({
    doGenerate: async () => {
      const step = queue.shift() ?? fallback;
      const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };
      if ('text' in step) return { content: [{ type: 'text', text: step.text }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
      return {
        content: [{ type: 'tool-call', toolCallId: `call-${queue.length}`, toolName: step.tool, input: JSON.stringify(step.input) }],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage,
        warnings: [],
      };
    },
  });
}

/** A tiny service with a tool action `calc/add` and a guard point `calc/check`. */
export const calcService = testService(
  {
    id: 'calc',
    extensionPoints: { 'calc/check': { kind: 'guard', description: 'may deny an addition' } },
    actions: { 'calc/add': { description: 'adds two numbers', tool: true } },
  },
  (context) => ({
    actions: {
      add: defineAction({
        description: 'Add two numbers',
        input: z.object({ a: z.number(), b: z.number() }),
        output: z.object({ sum: z.number() }),
        run: async ({ a, b }, call) => {
          const verdict = await context.plugins.guard('calc/check' as never, { a, b, principal: call.principal?.id } as never);
          if (!verdict.allow) throw new Error(`denied: ${verdict.reason}`);
          return { sum: a + b };
        },
      }),
    },
  }),
);
