import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { Cluster } from '@downcity/core';
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
 * Serves the project's control socket from exactly one worker on this host: the workers compete for a cluster
 * lease named after the host and the socket, and the holder opens the socket (`downcity status`, `sessions`,
 * `tasks`... talk to it; every worker sees the same store). When the holder stops or dies, another worker of
 * this host takes the lease over within seconds and opens the socket again. Returns the function that gives
 * the lease up (closing the socket when held).
 */
export function serveControlSocketFromOneWorker(cluster: Cluster, options: ControlServerOptions): () => Promise<void> {
  let server: ControlServer | undefined;
  const place = createHash('sha256').update(`${hostname()}\0${options.socketPath}`).digest('hex').slice(0, 32);
  return cluster.hold(`cli/control-socket/${place}`, {
    acquired: async () => {
      server = await startControlServer(options);
      options.logger.info({ socket: options.socketPath, workerId: cluster.workerId }, 'this worker serves the control socket');
    },
    lost: async () => {
      const closing = server;
      server = undefined;
      await closing?.close().catch((error: unknown) => options.logger.warn({ err: error }, 'closing the control socket failed'));
    },
  });
}
