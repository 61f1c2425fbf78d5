import { createLogger, type LogLevel, type Logger } from '@downcity/core';
import type { CliIo } from '../cli/cli-io.js';
import { ExitCodes, type ExitCode } from '../cli/exit-codes.js';
import type { Output } from '../cli/output.js';
import { assertNoRunningAgent, startControlServer, type ControlServer } from '../control/control-server.js';
import { loadProject, type Project } from '../project/load-project.js';
import { readProjectConfig } from '../project/read-project-config.js';
import { agentStatus, runningChannels } from './agent-status.js';
import { MODEL_HINT } from './model-hint.js';
import { prettyLogDestination } from './pretty-log-destination.js';
import { trackSettled, type TrackedChannel } from './track-settled.js';

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

/** The chat channels the config turns on (`services.chat.channels.<id>` present and not false). */
function configuredChannels(project: Project): string[] {
  const chat = project.config.services.chat as { channels?: Record<string, unknown> } | undefined;
  return Object.entries(chat?.channels ?? {})
    .filter(([, entry]) => entry !== false)
    .map(([id]) => id);
}

/** A pointer to the web console when the project loads it (its URL and sign-in link come from `downcity console`). */
function consoleHint(project: Project): string {
  const loaded = project.packages.some((entry) => entry.kind === 'service' && entry.id === 'console');
  return loaded ? ' The web console is on: run `downcity console` in another terminal for a sign-in link.' : '';
}

function describeChannels(channels: unknown[]): string {
  const names = channels.map((channel) => {
    const entry = channel as { id?: unknown; info?: { url?: unknown } };
    return typeof entry.info?.url === 'string' ? `${String(entry.id)} (${entry.info.url})` : String(entry.id);
  });
  return names.length > 0 ? names.join(', ') : 'none';
}

/**
 * Runs a project's agent in the foreground (`downcity start` and `downcity chat`): loads it,
 * starts it, opens the control socket, and on SIGINT/SIGTERM (or, in chat, the end of input once
 * every typed message is answered) stops gracefully: in-flight turns get `agent.stopGraceMs` to
 * finish, the rest are aborted and answered on the next start (the chat inbox is durable).
 */
export async function runAgent(options: RunAgentOptions): Promise<ExitCode> {
  const { dir, io, output, mode } = options;
  const signals = options.stopSignal ? undefined : onSignals(output);
  let inputEnded: (reason: string) => void = () => {};
  const endOfInput = new Promise<string>((resolve) => (inputEnded = resolve));
  let tracked: TrackedChannel | undefined;
  let control: ControlServer | undefined;
  let project: Project | undefined;
  try {
    const read = await output.step('Reading the config', () => readProjectConfig(dir, { env: io.env }));
    await assertNoRunningAgent(read.controlSocket);
    const logger = createAgentLogger(options, read.config.agent.logLevel);
    const terminal =
      mode === 'chat'
        ? {
            input: io.stdin,
            output: io.stdout,
            onExit: () => inputEnded('end of input'),
            wrap: (definition: Parameters<typeof trackSettled>[0]) => (tracked = trackSettled(definition)).definition,
          }
        : ('off' as const);
    const loaded = await output.step('Loading packages', () => loadProject(dir, { env: io.env, logger, terminal }));
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
    control = await startControlServer({
      socketPath: loaded.controlSocket,
      agent: loaded.agent,
      logger,
      status: () => agentStatus(loaded, startedAt),
      packages: async () => ({ packages: loaded.agent.packages(), channels: await runningChannels(loaded.agent, loaded) }),
    });
    if (mode === 'start') {
      const channels = await runningChannels(loaded.agent, loaded);
      output.note(`Agent "${loaded.config.agent.name}" is running (channels: ${describeChannels(channels)}). Control socket: ${loaded.controlSocket}. Ctrl-C stops it.${consoleHint(loaded)}`);
    }

    const stopSignal = options.stopSignal ?? signals?.signal ?? new Promise<string>(() => {});
    const reason = await Promise.race([stopSignal, endOfInput]);
    if (reason === 'end of input' && tracked) await Promise.race([tracked.idle(), stopSignal]);
    const grace = loaded.config.agent.stopGraceMs;
    signals?.stopping();
    const force = signals ? `; press Ctrl-C${reason === 'end of input' ? '' : ' again'} to stop at once` : '';
    output.note(`Stopping (${reason}): in-flight replies get up to ${Math.round(grace / 1000)} s to finish${force}.`);
    await control.close();
    control = undefined;
    await loaded.agent.stop();
    output.note('Stopped.');
    return ExitCodes.ok;
  } finally {
    signals?.dispose();
    await control?.close();
    if (project && project.agent.state === 'running') await project.agent.stop();
  }
}
