/** The first wait before reconnecting to a server that crashed or could not be reached, in milliseconds. */
export const FIRST_RECONNECT_DELAY_MS = 250;

/** The longest wait between reconnect attempts, in milliseconds. */
export const MAX_RECONNECT_DELAY_MS = 30_000;

/** The wait before reconnect attempt `attempt` (0-based): 250 ms doubling up to 30 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(MAX_RECONNECT_DELAY_MS, FIRST_RECONNECT_DELAY_MS * 2 ** Math.min(attempt, 16));
}
