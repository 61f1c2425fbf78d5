import type { WriteOperation } from '@downcity/core';
import { deleteEntry, putEntry } from './collection.js';
import type { Connection } from './connection.js';
import { appendMessages } from './message-table.js';
import { updateSession } from './session-table.js';
import { storeError, storeErrorCodes } from './store-error.js';

/** Applies one write of a batch; the caller holds the transaction, so a throw undoes the whole batch. */
function apply(connection: Connection, operation: WriteOperation): void {
  switch (operation.type) {
    case 'message.append':
      appendMessages(connection, operation.sessionId, operation.messages);
      return;
    case 'collection.put':
      putEntry(connection, operation.collection, operation.id, operation.value);
      return;
    case 'collection.delete':
      deleteEntry(connection, operation.collection, operation.id);
      return;
    case 'session.update': {
      const patch = {
        ...(operation.metadata === undefined ? {} : { metadata: operation.metadata }),
        ...(operation.windowStart === undefined ? {} : { windowStart: operation.windowStart }),
      };
      updateSession(connection, operation.id, patch);
      return;
    }
    default: {
      const unknown: { type?: unknown } = operation;
      throw storeError(
        storeErrorCodes.invalidInput,
        `Unknown batch operation type ${JSON.stringify(unknown.type)}; use message.append, collection.put, collection.delete or session.update.`,
      );
    }
  }
}

/** Applies every operation in order inside the caller's transaction. */
export function applyBatch(connection: Connection, operations: readonly WriteOperation[]): void {
  for (const operation of operations) apply(connection, operation);
}
