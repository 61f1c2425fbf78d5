import { chownSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentOptions, Principal } from '@downcity/core';
import { startTestAgent, type TestAgent } from '@downcity/testing';
import type { AuditRecord } from '../audit/audit-record.js';
import { ConfigSchema, type ShellConfigInput } from '../service/config.js';
import { shellService } from '../service/shell-service.js';
import { Workspaces } from '../service/workspaces.js';
import { recordingLogger, type RecordingLogger } from './recording-logger.js';

/** A test agent running the shell service in a throwaway data folder. */
export interface ShellTestAgent extends TestAgent {
  /** The agent's data folder (removed on dispose). */
  readonly dataDir: string;
  /** The workspace folder (`<dataDir>/workspace` unless configured): with the default scope, the parent of each principal's workspace. */
  readonly workspace: string;
  /**
   * The workspace one principal's commands run in (created, owned by the sandbox user, like the
   * service does on a first command), e.g. `workspaceOf('http:alice')`.
   */
  workspaceOf(principalId: string): string;
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
  const workspace = shell?.workspace ?? join(dataDir, 'workspace');
  const config = ConfigSchema.parse(shell ?? {});
  const workspaces = new Workspaces({ root: workspace, scope: config.workspaceScope, sandboxUid: config.sandboxUid, sandboxGid: config.sandboxGid });
  return {
    ...harness,
    dataDir,
    workspace,
    workspaceOf(principalId) {
      const path = workspaces.pathOf(workspaces.keyOf({ principal: { id: principalId }, caller: 'model' }));
      mkdirSync(path, { recursive: true, mode: 0o700 });
      const spawnAs = workspaces.user.spawnAs;
      if (spawnAs) chownSync(path, spawnAs.uid, spawnAs.gid);
      return path;
    },
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
