import { CliError } from '../cli/cli-error.js';
import { defineCommand } from '../cli/command.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { runAgent, type WorkerRun } from '../runtime/run-agent.js';
import { superviseWorkers } from '../runtime/supervise-workers.js';

/** A whole number from `min` to `max` given to `--name`, or undefined when the option is absent. */
function wholeNumber(name: string, value: string | boolean | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isInteger(parsed) && parsed >= min && parsed <= max) return parsed;
  throw new CliError(ExitCodes.usage, `--${name} must be a whole number from ${min} to ${max} (got "${String(value)}").`, { hint: 'Run `downcity start --help` for its options.' });
}

/** The worker's number under a supervisor, from the environment `downcity start --workers N` gives it. */
function slotFromEnv(env: Record<string, string | undefined>): WorkerRun['slot'] {
  const index = Number(env.DOWNCITY_WORKER_INDEX);
  const count = Number(env.DOWNCITY_WORKER_COUNT);
  return Number.isInteger(index) && Number.isInteger(count) && index >= 1 && index <= count ? { index, count } : undefined;
}

/** `downcity start`: runs the agent in the foreground, alone or as workers of a cluster. */
export const startCommand = defineCommand({
  name: 'start',
  summary: 'Run the agent in the foreground (Ctrl-C or SIGTERM stops it gracefully); --worker or --workers N to scale out on PostgreSQL',
  options: {
    worker: { type: 'boolean', description: 'Run as one worker of a cluster: needs a PostgreSQL store (DOWNCITY_DATABASE_URL); start as many as you like, on any host' },
    workers: { type: 'string', valueName: 'n', description: 'Run n workers of this project here (each `start --worker`), restarting one that exits, all on http.port' },
    concurrency: { type: 'string', valueName: 'n', description: 'Turns and jobs one worker runs at once (default cluster.concurrency in the config, 10)' },
  },
  details: [
    'Loads downcity.config.ts, starts every service and channel in it (the terminal channel runs only under `downcity chat`)',
    'and opens the control socket <dataDir>/control.sock that status, sessions, tasks, memory and auth talk to.',
    'On SIGINT/SIGTERM in-flight replies get agent.stopGraceMs to finish; unanswered messages are answered on the next start.',
    'With --worker or --workers N the agent runs as a cluster on PostgreSQL: one turn at a time per session, one reply per',
    'message, long connections held by one worker. See docs/guides/scaling.md.',
    'With OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) set, traces go over OTLP/HTTP to that collector.',
    'See docs/guides/observability.md.',
  ],
  run: async (context) => {
    const { options, io, output, cwd } = context;
    const count = wholeNumber('workers', options.workers, 1, 256);
    const concurrency = wholeNumber('concurrency', options.concurrency, 1, 1000);
    if (options.worker === true && count !== undefined) {
      throw new CliError(ExitCodes.usage, '--worker and --workers cannot go together: --worker runs this process as one worker, --workers N starts N of them.');
    }
    if (concurrency !== undefined && options.worker !== true && count === undefined) {
      throw new CliError(ExitCodes.usage, '--concurrency applies to workers only: add --worker or --workers N.');
    }
    if (count !== undefined) return superviseWorkers({ dir: cwd, io, output, count, ...(concurrency === undefined ? {} : { concurrency }) });
    const slot = slotFromEnv(io.env);
    const worker: WorkerRun | undefined =
      options.worker === true ? { ...(concurrency === undefined ? {} : { concurrency }), ...(slot ? { slot } : {}) } : undefined;
    return runAgent({ dir: cwd, io, output, mode: 'start', ...(worker ? { worker } : {}) });
  },
});
