/** Options of {@link startLivenessWatchdog}. */
export interface LivenessWatchdogOptions {
  /** How often to ping, in ms. */
  intervalMs: number;
  /** Pings the host; resolves whether it answered within its deadline. */
  ping: () => Promise<boolean>;
  /** Called once when a ping goes unanswered. */
  onHung: () => void;
}

/**
 * Pings a running plugin host every `intervalMs` (one ping at a time) and calls `onHung` once when it does not
 * answer: a busy loop the plugin started outside any call (in a timer) blocks its event loop, and no call would
 * notice until the next one. The timer does not keep the agent's process alive.
 *
 * @returns a function that stops the watchdog
 */
export function startLivenessWatchdog(options: LivenessWatchdogOptions): () => void {
  let stopped = false;
  let pinging = false;
  const timer = setInterval(() => {
    if (stopped || pinging) return;
    pinging = true;
    void options.ping().then((answered) => {
      pinging = false;
      if (answered || stopped) return;
      stopped = true;
      clearInterval(timer);
      options.onHung();
    });
  }, options.intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
