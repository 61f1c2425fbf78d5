import { defineService, type ServiceDefinition } from '@downcity/core';
import pkg from '../package.json' with { type: 'json' };
import { exportAction } from './actions/export-action.js';
import { forgetAction } from './actions/forget-action.js';
import { listAction } from './actions/list-action.js';
import { operatorForgetAction } from './actions/operator-forget-action.js';
import { operatorSearchAction } from './actions/operator-search-action.js';
import { recallAction } from './actions/recall-action.js';
import { rememberAction } from './actions/remember-action.js';
import { MemoryConfigSchema } from './config.js';
import { createEmbedder } from './embedding/embedder.js';
import { resolveEmbeddingModel } from './embedding/resolve-embedding-model.js';
import { memoryInstructions } from './prompt/memory-instructions.js';
import type { MemoryRuntime } from './runtime.js';
import type { MemoryRecord } from './store/memory-record.js';

/**
 * The memory service (`services.memory`): long-term memory across sessions, scoped to the
 * agent, a user or a session. The model gets `memory_remember`, `memory_recall` and
 * `memory_forget` as tools, and each turn's system prompt gets the memories most relevant to
 * the user's message.
 *
 * @example
 * ```ts
 * import { createAgent } from '@downcity/core';
 * import { createLibsqlStore } from '@downcity/store-libsql';
 * import { memoryService } from '@downcity/memory';
 *
 * const agent = createAgent({
 *   store: createLibsqlStore({ path: '.downcity/downcity.db' }),
 *   services: [memoryService],
 *   config: { services: { memory: { embedding: { provider: 'openai', model: 'text-embedding-3-small' } } } },
 * });
 * ```
 */
export const memoryService: ServiceDefinition<typeof MemoryConfigSchema> = defineService({
  package: pkg,
  config: MemoryConfigSchema,
  async setup(context) {
    const { config } = context;
    const runtime: MemoryRuntime = {
      config,
      storage: { namespace: context.id, records: context.storage.collection<MemoryRecord>('memories'), search: context.storage.search },
      plugins: context.plugins,
      logger: context.logger,
      ...(config.embedding
        ? { embedder: createEmbedder({ model: await resolveEmbeddingModel(config.embedding, context.env), config: config.embedding }) }
        : {}),
    };
    return {
      actions: {
        remember: rememberAction(runtime),
        recall: recallAction(runtime),
        forget: forgetAction(runtime),
        list: listAction(runtime),
        export: exportAction(runtime),
        'operator-search': operatorSearchAction(runtime),
        'operator-forget': operatorForgetAction(runtime),
      },
      instructions: memoryInstructions(runtime, context.id),
    };
  },
});
