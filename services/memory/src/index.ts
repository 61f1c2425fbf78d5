/**
 * `@downcity/memory`: long-term memory for Downcity agents. Remember, recall, forget, list and
 * export facts scoped to the agent, a user or a session; hybrid recall with full-text (BM25) and,
 * when an embedding model is configured, vector search fused by reciprocal rank fusion; the most
 * relevant memories added to each turn's system prompt within a token budget.
 *
 * @packageDocumentation
 */
export { memoryService } from './memory-service.js';
export {
  EmbeddingConfigSchema,
  EmbeddingProviderSchema,
  MemoryConfigSchema,
  type EmbeddingConfig,
  type EmbeddingConfigInput,
  type MemoryConfig,
  type MemoryConfigInput,
} from './config.js';
export { MemoryEntrySchema, RecalledMemorySchema, type MemoryEntry, type RecalledMemory } from './memory-entry.js';
export { ScopeLevelSchema, type ScopeLevel } from './scope/scope-level.js';
export type { BeforeRemember, Recalled } from './points.js';
export { rememberInputSchema, RememberOutputSchema, type RememberInput, type RememberOutput } from './actions/remember-action.js';
export { RecallInputSchema, RecallOutputSchema, type RecallInput, type RecallOutput } from './actions/recall-action.js';
export { ForgetInputSchema, ForgetOutputSchema, type ForgetInput, type ForgetOutput } from './actions/forget-action.js';
export { ListInputSchema, ListOutputSchema, type ListInput, type ListOutput } from './actions/list-action.js';
export {
  OperatorSearchInputSchema,
  OperatorSearchOutputSchema,
  OPERATOR_SCAN_LIMIT,
  type OperatorSearchInput,
  type OperatorSearchOutput,
} from './actions/operator-search-action.js';
export { OperatorForgetInputSchema, OperatorForgetOutputSchema, type OperatorForgetInput, type OperatorForgetOutput } from './actions/operator-forget-action.js';
export { OperatorMemorySchema, type OperatorMemory } from './store/to-operator-memory.js';
export { ExportInputSchema, ExportOutputSchema, type ExportInput, type ExportOutput } from './actions/export-action.js';

/** The package's definition, as the CLI loader expects (decision 0004). */
export { memoryService as default } from './memory-service.js';
