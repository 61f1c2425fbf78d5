import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AgentOptions, Principal, Store } from '@downcity/core';
import { createLibsqlStore } from '@downcity/store-libsql';
import { recordingLogger, startTestAgent, type RecordedLine as LogLine, type TestAgent } from '@downcity/testing';
import { memoryService, type MemoryConfigInput } from '../src/index.js';

export { recordingLogger, type RecordedLine as LogLine } from '@downcity/testing';

/** Options for {@link startMemoryAgent}. */
export interface MemoryAgentOptions {
  /** `services.memory` config. */
  memory?: MemoryConfigInput;
  /** Reuse a database file (to test persistence across restarts). */
  databasePath?: string;
  /** Wraps the libSQL store (to inject failures). */
  wrapStore?: (store: Store) => Store;
  /** Extra plugins. */
  plugins?: AgentOptions['plugins'];
}

/** A started agent with the memory service on a real libSQL file. */
export interface MemoryAgent extends TestAgent {
  /** The store the agent uses. */
  readonly store: Store;
  /** The database file. */
  readonly databasePath: string;
  /** Every log line. */
  readonly logs: LogLine[];
}

/** Two users and their sessions, for isolation tests. */
export const alice: Principal = { id: 'test:alice', channel: 'test' };
/** The second user. */
export const bob: Principal = { id: 'test:bob', channel: 'test' };

/** Starts an agent with the memory service on a libSQL file in a temp folder; the folder is removed on dispose. */
export async function startMemoryAgent(options: MemoryAgentOptions = {}): Promise<MemoryAgent> {
  const directory = options.databasePath ? undefined : await mkdtemp(path.join(tmpdir(), 'downcity-memory-'));
  const databasePath = options.databasePath ?? path.join(directory as string, 'memory.db');
  const libsql = createLibsqlStore({ path: databasePath });
  const store = options.wrapStore ? options.wrapStore(libsql) : libsql;
  const logger = recordingLogger();
  const harness = await startTestAgent({
    store,
    logger,
    services: [memoryService],
    ...(options.plugins ? { plugins: options.plugins } : {}),
    config: { services: { memory: options.memory ?? {} } },
  });
  const stop = async (): Promise<void> => {
    await harness.stop();
    if (directory) await rm(directory, { recursive: true, force: true });
  };
  return { ...harness, store, databasePath, logs: logger.lines, stop, [Symbol.asyncDispose]: stop };
}
