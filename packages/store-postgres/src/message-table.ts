import type { JsonObject, JsonValue, MessageRole, MessageTable, NewMessage, StoredMessage } from '@downcity/core';
import { checkCount, toJsonText } from './input-checks.js';
import type { Db, Operations, SqlValue } from './operations.js';
import { sessionNotFound } from './session-table.js';
import { storeError, storeErrorCodes } from './store-error.js';

/** A row of the `messages` table (bigint columns arrive as strings). */
interface MessageRow {
  session_id: string;
  seq: string;
  role: MessageRole;
  content: JsonValue;
  metadata: JsonObject;
  created_at: string;
}

const COLUMNS = 'session_id, seq, role, content, metadata, created_at';
const roles: readonly MessageRole[] = ['system', 'user', 'assistant', 'tool'];
/** Larger than any seq a session can reach, for an open upper bound. */
const NO_UPPER_BOUND = Number.MAX_SAFE_INTEGER;

function toMessage(row: MessageRow): StoredMessage {
  return {
    sessionId: row.session_id,
    seq: Number(row.seq),
    role: row.role,
    content: row.content,
    metadata: row.metadata,
    createdAt: Number(row.created_at),
  };
}

function checkRole(message: NewMessage, index: number, sessionId: string): void {
  if (!roles.includes(message.role)) {
    throw storeError(
      storeErrorCodes.invalidInput,
      `Message ${index} for session "${sessionId}" has role ${JSON.stringify(message.role)}; use one of ${roles.join(', ')}.`,
    );
  }
}

/**
 * Appends messages with `seq = lastSeq + 1, + 2...` and moves the session's `last_seq` and `updated_at`,
 * in the caller's transaction. The session row is locked first, so concurrent appends (from any worker)
 * queue and get distinct, gap-free seq numbers.
 */
export async function appendMessages(db: Db, sessionId: string, messages: NewMessage[]): Promise<StoredMessage[]> {
  const [session] = await db.rows<{ last_seq: string }>(`SELECT last_seq FROM ${db.tables.sessions} WHERE id = $1 FOR UPDATE`, [sessionId]);
  if (session === undefined) throw sessionNotFound(sessionId, `append ${messages.length} message(s)`);
  if (messages.length === 0) return [];
  const lastSeq = Number(session.last_seq);
  const createdAt = Date.now();
  const values: string[] = [];
  const parameters: SqlValue[] = [sessionId, createdAt];
  messages.forEach((message, index) => {
    checkRole(message, index, sessionId);
    parameters.push(
      lastSeq + index + 1,
      message.role,
      toJsonText(message.content, `The content of message ${index}`),
      toJsonText(message.metadata ?? {}, `The metadata of message ${index}`),
    );
    const at = parameters.length;
    values.push(`($1, $${at - 3}, $${at - 2}, $${at - 1}, $${at}, $2)`);
  });
  // Returned from the stored JSON, so callers see exactly what a later read returns.
  const rows = await db.rows<MessageRow>(
    `INSERT INTO ${db.tables.messages} (session_id, seq, role, content, metadata, created_at) VALUES ${values.join(', ')} RETURNING ${COLUMNS}`,
    parameters,
  );
  await db.rows(`UPDATE ${db.tables.sessions} SET last_seq = $1, updated_at = $2 WHERE id = $3`, [lastSeq + messages.length, createdAt, sessionId]);
  return rows.map(toMessage).sort((left, right) => left.seq - right.seq);
}

/** The {@link MessageTable} over the `messages` table; every read is a seek on `(session_id, seq)`. */
export function createMessageTable(operations: Operations): MessageTable {
  return {
    append: (sessionId, messages) =>
      operations.write(`append ${messages.length} message(s) to session "${sessionId}"`, (db) => appendMessages(db, sessionId, messages)),
    tail: (sessionId, options) =>
      operations.read(`read the tail of session "${sessionId}"`, async (db) => {
        const rows = await db.rows<MessageRow>(
          `SELECT ${COLUMNS} FROM ${db.tables.messages} WHERE session_id = $1 AND seq > $2 AND seq < $3 ORDER BY seq DESC LIMIT $4`,
          [sessionId, options.afterSeq ?? 0, options.beforeSeq ?? NO_UPPER_BOUND, checkCount(options.limit, 'limit')],
        );
        return rows.reverse().map(toMessage);
      }),
    range: (sessionId, options) =>
      operations.read(`read messages of session "${sessionId}"`, async (db) =>
        (
          await db.rows<MessageRow>(`SELECT ${COLUMNS} FROM ${db.tables.messages} WHERE session_id = $1 AND seq > $2 ORDER BY seq ASC LIMIT $3`, [
            sessionId,
            options.afterSeq,
            checkCount(options.limit, 'limit'),
          ])
        ).map(toMessage),
      ),
    count: (sessionId) =>
      // Messages are only appended, gap-free from seq 1, and only removed with their session: the count is last_seq.
      operations.read(`count messages of session "${sessionId}"`, async (db) => {
        const [row] = await db.rows<{ last_seq: string }>(`SELECT last_seq FROM ${db.tables.sessions} WHERE id = $1`, [sessionId]);
        return row === undefined ? 0 : Number(row.last_seq);
      }),
  };
}
