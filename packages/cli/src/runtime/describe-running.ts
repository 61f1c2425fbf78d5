import type { Project } from '../project/load-project.js';
import type { WorkerSettings } from '../project/create-worker-cluster.js';

/** The chat channels the config turns on (`services.chat.channels.<id>` present and not false). */
export function configuredChannels(project: Project): string[] {
  const chat = project.config.services.chat as { channels?: Record<string, unknown> } | undefined;
  return Object.entries(chat?.channels ?? {})
    .filter(([, entry]) => entry !== false)
    .map(([id]) => id);
}

/** A pointer to the web console when the project loads it (its URL and sign-in link come from `downcity console`). */
export function consoleHint(project: Project): string {
  const loaded = project.packages.some((entry) => entry.kind === 'service' && entry.id === 'console');
  return loaded ? ' The web console is on: run `downcity console` in another terminal for a sign-in link.' : '';
}

/** Each running channel's id, with its URL when it has one (`http (http://127.0.0.1:8787)`). */
export function channelNames(channels: unknown[]): string[] {
  return channels.map((channel) => {
    const entry = channel as { id?: unknown; info?: { url?: unknown } };
    return typeof entry.info?.url === 'string' ? `${String(entry.id)} (${entry.info.url})` : String(entry.id);
  });
}

/** The running channels for a banner, or `none`. */
export const describeChannels = (channels: unknown[]): string => channelNames(channels).join(', ') || 'none';

/** The banner of a worker: which one it is, what it runs, where the control socket is. */
export function workerBanner(worker: WorkerSettings, project: Project, channels: unknown[]): string {
  const id = project.cluster?.workerId ?? 'unknown';
  const who = worker.slot ? `Worker ${worker.slot.index} of ${worker.slot.count} (id ${id})` : `Worker ${id}`;
  const concurrency = worker.concurrency ?? project.config.cluster.concurrency;
  const socket = `Control socket: ${project.controlSocket} (served by one worker of this host).`;
  return `${who} of agent "${project.config.agent.name}" is running in the ${project.cluster?.name ?? ''} cluster (channels: ${describeChannels(channels)}; at most ${concurrency} turns at once). ${socket} Ctrl-C stops it.`;
}

