import type { ExtensionRunner, Logger } from '@downcity/core';
import type { MemoryConfig } from './config.js';
import type { Embedder } from './embedding/embedder.js';
import type { MemoryStorage } from './store/memory-storage.js';

/** What the memory actions and the prompt contributor share, built once in setup. */
export interface MemoryRuntime {
  /** The validated `services.memory` config. */
  config: MemoryConfig;
  /** Records and search index. */
  storage: MemoryStorage;
  /** The embedder, when `embedding` is configured. */
  embedder?: Embedder;
  /** Runs the service's extension points. */
  plugins: ExtensionRunner;
  /** The service's logger. */
  logger: Logger;
}
