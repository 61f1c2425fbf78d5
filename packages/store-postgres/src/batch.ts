import type { WriteOperation } from '@downcity/core';
import { deleteEntry, putEntry } from './collection.js';
import { appendMessages } from './message-table.js';
import type { Db } from './operations.js';
import { updateSession } from './session-table.js';
import { storeError, storeErrorCodes } from './store-error.js';

/** Applies one write of a batch; the caller holds the transaction, so a throw undoes the whole batch. */
async function apply(db: Db, operation: WriteOperation): Promise<void> {
  switch (operation.type) {
    case 'message.append':
      await appendMessages(db, operation.sessionId, operation.messages);
      return;
    case 'collection.put':
      await putEntry(db, operation.collection, operation.id, operation.value);
      return;
    case 'collection.delete':
      await deleteEntry(db, operation.collection, operation.id);
      return;
    case 'session.update':
      await updateSession(db, operation.id, {
        ...(operation.metadata === undefined ? {} : { metadata: operation.metadata }),
        ...(operation.windowStart === undefined ? {} : { windowStart: operation.windowStart }),
      });
      return;
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
export async function applyBatch(db: Db, operations: readonly WriteOperation[]): Promise<void> {
  for (const operation of operations) await apply(db, operation);
}
