import type pg from 'pg';

/** A dedicated client's state, from {@link watchClient}. */
export interface WatchedClient {
  /** Resolves with the reason the first time the client fails, its connection ends, or {@link WatchedClient.fail} is called. */
  broken: Promise<Error>;
  /** Whether `broken` has resolved. */
  isBroken(): boolean;
  /** Declares the connection dead (e.g. it stopped answering); `broken` resolves with `reason`. */
  fail(reason: Error): void;
  /** Ends the client without throwing; idempotent. */
  end(): Promise<void>;
}

/**
 * Watches a dedicated client: `broken` resolves (with the reason) the first time the client fails or its
 * connection ends, whichever comes first. The `error` listener also keeps a dropped connection from crashing
 * the process.
 *
 * @param client - a connected client from `PostgresStore.connect`
 */
export function watchClient(client: pg.Client): WatchedClient {
  let brokenNow = false;
  let ending = false;
  let settle: (error: Error) => void = () => undefined;
  const broken = new Promise<Error>((resolve) => {
    settle = (error) => {
      if (brokenNow) return;
      brokenNow = true;
      resolve(error);
    };
  });
  client.on('error', (error: Error) => settle(error));
  client.on('end', () => settle(new Error(ending ? 'the client was ended' : 'the connection ended')));
  return {
    broken,
    isBroken: () => brokenNow,
    fail: (reason) => settle(reason),
    async end() {
      if (ending) return;
      ending = true;
      await client.end().catch(() => undefined);
    },
  };
}
