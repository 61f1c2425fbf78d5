/**
 * The link between a worker and the supervisor of `downcity start --workers N` that started it: an IPC channel
 * (the worker's `process.send`), absent when the worker was started some other way.
 */

/** The message a worker sends its supervisor once it runs. */
export interface WorkerReady {
  /** Always `ready`. */
  type: 'ready';
  /** The worker's id in the cluster. */
  workerId: string;
  /** The channels it runs, for the supervisor's summary. */
  channels: string[];
}

/** Whether a value is a {@link WorkerReady} message. */
export function isWorkerReady(message: unknown): message is WorkerReady {
  const value = message as Partial<WorkerReady> | null;
  return typeof value === 'object' && value !== null && value.type === 'ready' && typeof value.workerId === 'string' && Array.isArray(value.channels);
}

/** Tells the supervisor, if any, that this worker runs. */
export function reportReady(message: Omit<WorkerReady, 'type'>): void {
  if (process.send && process.connected) process.send({ type: 'ready', ...message } satisfies WorkerReady);
}

/**
 * Call only in a worker a supervisor started (`DOWNCITY_WORKER_INDEX` set): it unreferences the IPC channel.
 * Resolves when the supervisor that started this worker is gone (its IPC channel closed: it exited or was
 * killed), so an orphaned worker stops gracefully instead of running on unsupervised; never resolves for a
 * worker started without a supervisor.
 */
export function supervisorGone(): { gone: Promise<string>; dispose(): void } {
  if (!process.send || !process.connected) return { gone: new Promise<string>(() => {}), dispose: () => {} };
  // The channel alone must not keep the worker alive once it stopped.
  process.channel?.unref();
  let onDisconnect: () => void = () => {};
  const gone = new Promise<string>((resolve) => (onDisconnect = () => resolve('the supervisor is gone')));
  process.once('disconnect', onDisconnect);
  return { gone, dispose: () => void process.off('disconnect', onDisconnect) };
}
