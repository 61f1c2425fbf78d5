import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { createControlClient } from '../control/control-client.js';
import type { AgentStatus } from '../control/control-protocol.js';
import { startControlServer, type ControlServer, type ControlServerOptions } from '../control/control-server.js';

async function statusAt(socketPath: string, projectDir: string): Promise<AgentStatus | undefined> {
  try {
    return await createControlClient(socketPath, projectDir).status();
  } catch {
    return undefined;
  }
}

/**
 * Refuses to start a worker next to a single-process agent of the same project: that agent has no cluster, so
 * it would answer messages and hold connections on its own. Workers of a cluster may run side by side.
 *
 * @param socketPath - the project's control socket
 * @param projectDir - the project folder, for messages
 */
export async function assertNoSingleAgent(socketPath: string, projectDir: string): Promise<void> {
  const holder = await statusAt(socketPath, projectDir);
  if (holder === undefined || holder.cluster !== undefined) return;
  throw new CliError(ExitCodes.failure, `A single-process agent (pid ${holder.pid}) is already running for this project; a worker cannot run next to it.`, {
    hint: 'Stop it first (it answers on the control socket); then start every process with `downcity start --worker` or `downcity start --workers N`.',
  });
}

/**
 * Opens the project's control socket for this worker unless another worker of the cluster already serves it
 * (`downcity status`, `sessions`, `tasks`... talk to that one; every worker sees the same store). Returns the
 * server, or `undefined` when another worker has it.
 */
export async function openWorkerControlSocket(options: ControlServerOptions & { projectDir: string }): Promise<ControlServer | undefined> {
  const { projectDir, ...server } = options;
  if ((await statusAt(server.socketPath, projectDir)) !== undefined) return undefined;
  try {
    return await startControlServer(server);
  } catch (error) {
    // Another worker opened it between the look and the listen.
    if (error instanceof CliError && (await statusAt(server.socketPath, projectDir)) !== undefined) return undefined;
    throw error;
  }
}
