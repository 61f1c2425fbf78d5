import type { JsonObject, JsonValue, MessageRole, MessageTable, NewMessage, StoredMessage } from '@downcity/core';
import type { Connection } from './connection.js';
import { checkCount } from './input-checks.js';
import { fromJsonText, toJsonText } from './json-text.js';
import type { Operations } from './operations.js';
import { sessionNotFound } from './session-table.js';
import { storeError, storeErrorCodes } from './store-error.js';

/** A row of the `messages` table. */
interface MessageRow {
  session_id: string;
  seq: number;
  role: MessageRole;
  content: string;
  metadata: string;
  created_at: number;
}

const COLUMNS = 'session_id, seq, role, content, metadata, created_at';
const roles: readonly MessageRole[] = ['system', 'user', 'assistant', 'tool'];
/** Larger than any seq a session can reach, for an open upper bound. */
const NO_UPPER_BOUND = Number.MAX_SAFE_INTEGER;

function toMessage(row: MessageRow): StoredMessage {
  return {
    sessionId: row.session_id,
    seq: row.seq,
    role: row.role,
    content: fromJsonText<JsonValue>(row.content),
    metadata: fromJsonText<JsonObject>(row.metadata),
    createdAt: row.created_at,
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
 * Appends messages with `seq = lastSeq + 1, + 2...` and moves the session's `last_seq` and
 * `updated_at`, all in the caller's transaction (or a new one).
 */
export function appendMessages(connection: Connection, sessionId: string, messages: NewMessage[]): StoredMessage[] {
  return connection.transaction(() => {
    const session = connection.get<{ last_seq: number }>('SELECT last_seq FROM sessions WHERE id = ?', [sessionId]);
    if (session === undefined) throw sessionNotFound(sessionId, `append ${messages.length} message(s)`);
    if (messages.length === 0) return [];
    const createdAt = Date.now();
    const stored = messages.map((message, index): StoredMessage => {
      checkRole(message, index, sessionId);
      const row: MessageRow = {
        session_id: sessionId,
        seq: session.last_seq + index + 1,
        role: message.role,
        content: toJsonText(message.content, `The content of message ${index}`),
        metadata: toJsonText(message.metadata ?? {}, `The metadata of message ${index}`),
        created_at: createdAt,
      };
      connection.run(
        'INSERT INTO messages (session_id, seq, role, content, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [row.session_id, row.seq, row.role, row.content, row.metadata, row.created_at],
      );
      // Returned from the stored JSON, so callers see exactly what a later read returns.
      return toMessage(row);
    });
    connection.run('UPDATE sessions SET last_seq = ?, updated_at = ? WHERE id = ?', [
      session.last_seq + messages.length,
      createdAt,
      sessionId,
    ]);
    return stored;
  });
}

/** The {@link MessageTable} over the `messages` table; every read is a seek on `(session_id, seq)`. */
export function createMessageTable(operations: Operations): MessageTable {
  return {
    append: (sessionId, messages) =>
      operations.write(`append ${messages.length} message(s) to session "${sessionId}"`, (connection) =>
        appendMessages(connection, sessionId, messages),
      ),
    tail: (sessionId, options) =>
      operations.read(`read the tail of session "${sessionId}"`, (connection) => {
        const rows = connection.all<MessageRow>(
          `SELECT ${COLUMNS} FROM messages WHERE session_id = ? AND seq > ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
          [sessionId, options.afterSeq ?? 0, options.beforeSeq ?? NO_UPPER_BOUND, checkCount(options.limit, 'limit')],
        );
        return rows.reverse().map(toMessage);
      }),
    range: (sessionId, options) =>
      operations.read(`read messages of session "${sessionId}"`, (connection) =>
        connection
          .all<MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE session_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?`, [
            sessionId,
            options.afterSeq,
            checkCount(options.limit, 'limit'),
          ])
          .map(toMessage),
      ),
    count: (sessionId) =>
      // Messages are only appended, with gap-free seq from 1, and only removed with their
      // session, so the count is the session's last_seq: O(1) instead of scanning the key.
      operations.read(
        `count messages of session "${sessionId}"`,
        (connection) =>
          connection.get<{ last_seq: number }>('SELECT last_seq FROM sessions WHERE id = ?', [sessionId])?.last_seq ?? 0,
      ),
  };
}
