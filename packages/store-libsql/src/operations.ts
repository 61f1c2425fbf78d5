import type { Connection } from './connection.js';
import { storeError, storeErrorCodes, toStoreError } from './store-error.js';

/**
 * How the tables reach the open connection: every public method runs through `read` or
 * `write`, which fail clearly before `open()`, and turn SQLite errors into store errors.
 */
export interface Operations {
  /** Runs `work` against the open connection. `action` words the error message. */
  read<T>(action: string, work: (connection: Connection) => T): Promise<T>;
  /** Runs `work` in one write transaction against the open connection. */
  write<T>(action: string, work: (connection: Connection) => T): Promise<T>;
}

/** Builds {@link Operations} over a getter that returns the connection while the store is open. */
export function createOperations(current: () => Connection | undefined): Operations {
  const perform = <T>(action: string, work: (connection: Connection) => T, transactional: boolean): Promise<T> => {
    const connection = current();
    if (connection === undefined) {
      return Promise.reject(
        storeError(
          storeErrorCodes.notOpen,
          `Cannot ${action}: the libsql store is not open. Call \`await store.open()\` first (the agent does this on start).`,
        ),
      );
    }
    try {
      const result = transactional ? connection.transaction(() => work(connection)) : work(connection);
      return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(toStoreError(error, { action, path: connection.path }));
    }
  };
  return {
    read: (action, work) => perform(action, work, false),
    write: (action, work) => perform(action, work, true),
  };
}
