import { createLogger, type LogLevel, type Logger } from '@downcity/core';
import type { CliIo } from '../cli/cli-io.js';
import { ExitCodes, type ExitCode } from '../cli/exit-codes.js';
import type { Output } from '../cli/output.js';
import { assertNoRunningAgent, startControlServer, type ControlServer } from '../control/control-server.js';
import type { WorkerSettings } from '../project/create-worker-cluster.js';
import { loadProject, type Project } from '../project/load-project.js';
import { readProjectConfig } from '../project/read-project-config.js';
import { requirePostgresStore } from '../project/require-postgres-store.js';
import { agentStatus, runningChannels } from './agent-status.js';
import { channelNames, configuredChannels, consoleHint, describeChannels, workerBanner } from './describe-running.js';
import { MODEL_HINT } from './model-hint.js';
import { otlpSettings } from './otlp-settings.js';
import { prettyLogDestination } from './pretty-log-destination.js';
import { describeTraceTarget, startTracing, type TracingRuntime } from './start-tracing.js';
import { reportReady, supervisorGone } from './supervisor-link.js';
import { trackSettled, type TrackedChannel } from './track-settled.js';
import { assertNoSingleAgent, serveControlSocketFromOneWorker } from './worker-control-socket.js';

/** How `downcity start --worker` runs this process as one worker of a cluster. */
export type WorkerRun = WorkerSettings;

/** Options for {@link runAgent}. */
export interface RunAgentOptions {
  /** The project folder. */
  dir: string;
  /** Streams and environment. */
  io: CliIo;
  /** Where notes go. */
  output: Output;
  /** `start`: the channels in the config, terminal off; `chat`: the terminal channel on as well. */
  mode: 'start' | 'chat';
  /** Resolves when the process should stop (default: the first SIGINT or SIGTERM). For tests. */
  stopSignal?: Promise<string>;
  /** Run as one worker of a cluster on PostgreSQL (`start --worker`); `mode` must be `start`. */
  worker?: WorkerRun;
}

function createAgentLogger(options: RunAgentOptions, level: LogLevel | undefined): Logger {
  const { io, mode } = options;
  const chosen = level ?? (io.env.DOWNCITY_LOG_LEVEL as LogLevel | undefined) ?? (mode === 'chat' ? 'warn' : 'info');
  return createLogger({ level: chosen, ...(io.stderr.isTTY ? { destination: prettyLogDestination(io.stderr) } : {}) });
}

/** Waits for SIGINT or SIGTERM; once stopping, the next one ends the process at once. */
function onSignals(output: Output): { signal: Promise<string>; stopping(): void; dispose(): void } {
  let stopping = false;
  let resolveSignal: (name: string) => void = () => {};
  const signal = new Promise<string>((resolve) => (resolveSignal = resolve));
  const handler = (name: NodeJS.Signals): void => {
    if (stopping) {
      output.note('Stopping now; unanswered messages are answered on the next start.');
      process.exit(name === 'SIGTERM' ? 143 : 130);
    }
    stopping = true;
    resolveSignal(name);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal,
    stopping: () => {
      stopping = true;
    },
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/**
 * Runs a project's agent in the foreground (`downcity start` and `downcity chat`): loads it,
 * starts it, opens the control socket, and on SIGINT/SIGTERM (or, in chat, the end of input once
 * every typed message is answered) stops gracefully: in-flight turns get `agent.stopGraceMs` to
 * finish, the rest are aborted and answered on the next start (the chat inbox is durable).
 * With `worker`, the agent is one worker of a cluster on PostgreSQL: it shares the HTTP port with the other
 * workers on this host, opens the control socket unless another worker has it, and tells a supervisor
 * (`downcity start --workers N`) when it runs.
 */
export async function runAgent(options: RunAgentOptions): Promise<ExitCode> {
  const { dir, io, output, mode } = options;
  const signals = options.stopSignal ? undefined : onSignals(output);
  const supervisor = options.worker?.slot ? supervisorGone() : undefined;
  let inputEnded: (reason: string) => void = () => {};
  const endOfInput = new Promise<string>((resolve) => (inputEnded = resolve));
  let tracked: TrackedChannel | undefined;
  let control: ControlServer | undefined;
  let project: Project | undefined;
  let tracing: TracingRuntime | undefined;
  try {
    const read = await output.step('Reading the config', () => readProjectConfig(dir, { env: io.env }));
    if (options.worker) {
      requirePostgresStore(read.config);
      await assertNoSingleAgent(read.controlSocket, read.dir);
    } else {
      await assertNoRunningAgent(read.controlSocket);
    }
    const logger = createAgentLogger(options, read.config.agent.logLevel);
    const traces = otlpSettings(io.env, read.config.agent.name);
    if (traces) {
      tracing = await startTracing(traces);
      output.note(`Exporting traces over OTLP/HTTP to ${describeTraceTarget(traces)}.`);
    }
    const terminal =
      mode === 'chat'
        ? {
            input: io.stdin,
            output: io.stdout,
            onExit: () => inputEnded('end of input'),
            wrap: (definition: Parameters<typeof trackSettled>[0]) => (tracked = trackSettled(definition)).definition,
          }
        : ('off' as const);
    const loaded = await output.step('Loading packages', () => loadProject(dir, { env: io.env, logger, terminal, ...(options.worker ? { worker: options.worker } : {}) }));
    project = loaded;
    if (loaded.model.source === 'none') output.note(MODEL_HINT);
    if (mode === 'chat') {
      // Said before starting: once started, the terminal channel owns the screen and shows its prompt.
      output.note(`Chatting with "${loaded.config.agent.name}" (channels: ${configuredChannels(loaded).join(', ')}). Type /help for commands, /exit or Ctrl-D to leave.${consoleHint(loaded)}`);
      await loaded.agent.start();
    } else {
      await output.step(`Starting agent "${loaded.config.agent.name}"`, () => loaded.agent.start());
    }
    const startedAt = Date.now();
    const controlOptions = {
      socketPath: loaded.controlSocket,
      agent: loaded.agent,
      logger,
      status: () => agentStatus(loaded, startedAt),
      packages: async () => ({ packages: loaded.agent.packages(), channels: await runningChannels(loaded.agent, loaded) }),
    };
    if (options.worker && loaded.cluster) {
      const release = serveControlSocketFromOneWorker(loaded.cluster, controlOptions);
      control = { close: release };
      const channels = await runningChannels(loaded.agent, loaded);
      output.note(workerBanner(options.worker, loaded, channels));
      if (options.worker.slot) reportReady({ workerId: loaded.cluster?.workerId ?? '', channels: channelNames(channels) });
    } else {
      control = await startControlServer(controlOptions);
    }
    if (mode === 'start' && !options.worker) {
      const channels = await runningChannels(loaded.agent, loaded);
      output.note(`Agent "${loaded.config.agent.name}" is running (channels: ${describeChannels(channels)}). Control socket: ${loaded.controlSocket}. Ctrl-C stops it.${consoleHint(loaded)}`);
    }

    const stopSignal = options.stopSignal ?? signals?.signal ?? new Promise<string>(() => {});
    const reason = await Promise.race([stopSignal, endOfInput, ...(supervisor ? [supervisor.gone] : [])]);
    if (reason === 'end of input' && tracked) await Promise.race([tracked.idle(), stopSignal]);
    const grace = loaded.config.agent.stopGraceMs;
    signals?.stopping();
    const force = signals ? `; press Ctrl-C${reason === 'end of input' ? '' : ' again'} to stop at once` : '';
    output.note(`Stopping (${reason}): in-flight replies get up to ${Math.round(grace / 1000)} s to finish${force}.`);
    await control?.close();
    control = undefined;
    await loaded.agent.stop();
    output.note('Stopped.');
    return ExitCodes.ok;
  } finally {
    signals?.dispose();
    supervisor?.dispose();
    await control?.close();
    if (project && project.agent.state === 'running') await project.agent.stop();
    await tracing?.shutdown();
  }
}
