import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentOptions, Principal } from '@downcity/core';
import { startTestAgent, type TestAgent } from '@downcity/testing';
import type { AuditRecord } from '../audit/audit-record.js';
import type { ShellConfigInput } from '../service/config.js';
import { shellService } from '../service/shell-service.js';
import { recordingLogger, type RecordingLogger } from './recording-logger.js';

/** A test agent running the shell service in a throwaway data folder. */
export interface ShellTestAgent extends TestAgent {
  /** The agent's data folder (removed on dispose). */
  readonly dataDir: string;
  /** The workspace (`<dataDir>/workspace` unless configured). */
  readonly workspace: string;
  /** Every log line. */
  readonly logger: RecordingLogger;
  /** The audit log, newest first. */
  audit(filter?: { sessionId?: string }): Promise<AuditRecord[]>;
  /** The tool results stored in the session, in order. */
  toolResults(sessionId?: string): Promise<unknown[]>;
}

/** Alice, the chat user in tests. */
export const alice: Principal = { id: 'http:alice', channel: 'http' };

/**
 * Starts an agent with the shell service (plus any other services and plugins) in a fresh
 * temporary data folder, with a recording logger and the scripted model.
 *
 * @param options - the shell config, other services' config, and extra agent options
 */
export async function startShellAgent(
  options: { shell?: ShellConfigInput; servicesConfig?: Record<string, unknown> } & Omit<AgentOptions, 'config' | 'logger'> = {},
): Promise<ShellTestAgent> {
  const { shell, servicesConfig, services = [], ...rest } = options;
  const dataDir = realpathSync(mkdtempSync(join(tmpdir(), 'downcity-shell-agent-')));
  const logger = recordingLogger();
  let harness: TestAgent;
  try {
    harness = await startTestAgent({
      ...rest,
      logger,
      services: [shellService, ...services],
      config: { agent: { dataDir }, services: { ...servicesConfig, shell: shell ?? {} } },
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const stop = async (): Promise<void> => {
    await harness.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    ...harness,
    dataDir,
    workspace: shell?.workspace ?? join(dataDir, 'workspace'),
    logger,
    stop,
    [Symbol.asyncDispose]: stop,
    async audit(filter = {}) {
      return (await harness.agent.invoke('shell/audit', { limit: 1_000, ...filter })).records;
    },
    async toolResults(sessionId = 'test:session') {
      const history = await harness.agent.session.history(sessionId, { limit: 1_000 });
      return history
        .filter((message) => message.role === 'tool')
        .flatMap((message) => message.content as { output: { type: string; value: unknown } }[])
        .map((part) => (part.output.type === 'json' ? part.output.value : part.output));
    },
  };
}
