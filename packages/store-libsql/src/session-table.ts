import type { JsonObject, ListSessionsOptions, SessionKind, SessionRecord, SessionTable } from '@downcity/core';
import type { Connection, SqlValue } from './connection.js';
import { checkCount, checkName } from './input-checks.js';
import { fromJsonText, toJsonText } from './json-text.js';
import { prefixRange } from './prefix-range.js';
import { storeError, storeErrorCodes } from './store-error.js';
import type { Operations } from './operations.js';

/** A row of the `sessions` table. */
interface SessionRow {
  id: string;
  kind: SessionKind;
  metadata: string;
  window_start: number;
  last_seq: number;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, kind, metadata, window_start, last_seq, created_at, updated_at';
const DEFAULT_LIST_LIMIT = 100;

function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    kind: row.kind,
    metadata: fromJsonText<JsonObject>(row.metadata),
    windowStart: row.window_start,
    lastSeq: row.last_seq,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const kinds: readonly SessionKind[] = ['chat', 'task'];

function checkKind(kind: SessionKind): void {
  if (!kinds.includes(kind)) {
    throw storeError(storeErrorCodes.invalidInput, `A session kind must be "chat" or "task" (got ${JSON.stringify(kind)}).`);
  }
}

/** Reads one session, or `undefined`. */
export function readSession(connection: Connection, id: string): SessionRecord | undefined {
  const row = connection.get<SessionRow>(`SELECT ${COLUMNS} FROM sessions WHERE id = ?`, [id]);
  return row === undefined ? undefined : toRecord(row);
}

/** The error for a write that names a session that does not exist. */
export function sessionNotFound(id: string, action: string): Error {
  return storeError(
    storeErrorCodes.sessionNotFound,
    `Cannot ${action}: session "${id}" does not exist. Create it first with store.sessions.ensure({ id, kind }).`,
  );
}

/** Inserts the session unless a concurrent writer got there first, then reads it back. */
function createSession(
  connection: Connection,
  input: { id: string; kind: SessionKind; metadata?: JsonObject },
): SessionRecord {
  return connection.transaction(() => {
    const now = Date.now();
    connection.run(
      `INSERT INTO sessions (id, kind, metadata, window_start, last_seq, created_at, updated_at)
       VALUES (?, ?, ?, 0, 0, ?, ?) ON CONFLICT (id) DO NOTHING`,
      [input.id, input.kind, toJsonText(input.metadata ?? {}, `The metadata of session "${input.id}"`), now, now],
    );
    const record = readSession(connection, input.id);
    if (record === undefined) throw sessionNotFound(input.id, 'ensure the session');
    return record;
  });
}

/** Merges metadata into a session and/or moves its window start; part of the caller's transaction. */
export function updateSession(
  connection: Connection,
  id: string,
  patch: { metadata?: JsonObject; windowStart?: number },
): SessionRecord {
  return connection.transaction(() => {
    const current = readSession(connection, id);
    if (current === undefined) throw sessionNotFound(id, 'update the session');
    const metadata = patch.metadata === undefined ? current.metadata : { ...current.metadata, ...patch.metadata };
    const windowStart =
      patch.windowStart === undefined ? current.windowStart : checkCount(patch.windowStart, 'windowStart');
    const updatedAt = Date.now();
    connection.run('UPDATE sessions SET metadata = ?, window_start = ?, updated_at = ? WHERE id = ?', [
      toJsonText(metadata, `The metadata of session "${id}"`),
      windowStart,
      updatedAt,
      id,
    ]);
    return { ...current, metadata, windowStart, updatedAt };
  });
}

function listSessions(connection: Connection, options: ListSessionsOptions): SessionRecord[] {
  const conditions: string[] = [];
  const parameters: SqlValue[] = [];
  if (options.kind !== undefined) {
    conditions.push('kind = ?');
    parameters.push(options.kind);
  }
  if (options.before !== undefined) {
    conditions.push('updated_at < ?');
    parameters.push(options.before);
  }
  if (options.prefix !== undefined && options.prefix !== '') {
    const range = prefixRange(options.prefix);
    conditions.push('id >= ?');
    parameters.push(range.lower);
    if (range.upper !== undefined) {
      conditions.push('id < ?');
      parameters.push(range.upper);
    }
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  parameters.push(checkCount(options.limit ?? DEFAULT_LIST_LIMIT, 'limit'));
  const rows = connection.all<SessionRow>(
    `SELECT ${COLUMNS} FROM sessions ${where} ORDER BY updated_at DESC, id DESC LIMIT ?`,
    parameters,
  );
  return rows.map(toRecord);
}

/** The {@link SessionTable} over the `sessions` table. */
export function createSessionTable(operations: Operations): SessionTable {
  return {
    ensure: (input) =>
      // Most calls find the session, so read first and only take the write lock to create it.
      operations.read(`ensure session "${input.id}"`, (connection) => {
        checkName(input.id, 'A session id');
        checkKind(input.kind);
        return readSession(connection, input.id) ?? createSession(connection, input);
      }),
    get: (id) => operations.read(`read session "${id}"`, (connection) => readSession(connection, id)),
    list: (options = {}) => operations.read('list sessions', (connection) => listSessions(connection, options)),
    update: (id, patch) =>
      operations.write(`update session "${id}"`, (connection) => updateSession(connection, id, patch)),
    delete: (id) =>
      operations.write(
        `delete session "${id}"`,
        (connection) => connection.run('DELETE FROM sessions WHERE id = ?', [id]).changes > 0,
      ),
  };
}
