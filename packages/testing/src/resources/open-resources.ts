/** How many of each kind of active resource (`Timeout`, `TCPSocketWrap`, `ChildProcess`...) the process holds now. */
export function openResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/** The kinds held now more often than in `baseline`, with how many more. */
function beyond(baseline: Readonly<Record<string, number>>): Record<string, number> {
  const extra: Record<string, number> = {};
  for (const [name, count] of Object.entries(openResources())) if (count > (baseline[name] ?? 0)) extra[name] = count - (baseline[name] ?? 0);
  return extra;
}

/**
 * The resources still open beyond `baseline` (taken with {@link openResources} before the code under test ran),
 * once they had `withinMs` to close: a socket or timer that closes a moment after a test on a busy machine is
 * not a leak, one still open after that is. Assert the result is `{}`.
 *
 * @param baseline - what {@link openResources} returned before
 * @param withinMs - how long resources may take to close (default 2,000 ms)
 *
 * @example
 * ```ts
 * const before = openResources();
 * await agent.start();
 * await agent.stop();
 * expect(await resourcesLeftOpen(before)).toEqual({});
 * ```
 */
export async function resourcesLeftOpen(baseline: Readonly<Record<string, number>>, withinMs = 2_000): Promise<Record<string, number>> {
  let extra = beyond(baseline);
  for (let waited = 0; Object.keys(extra).length > 0 && waited < withinMs; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    extra = beyond(baseline);
  }
  return extra;
}
