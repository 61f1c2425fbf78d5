import type { JsonObject, ListSessionsOptions, SessionKind, SessionRecord, SessionTable } from '@downcity/core';
import { checkCount, checkName, prefixPattern, toJsonText } from './input-checks.js';
import type { Db, Operations, SqlValue } from './operations.js';
import { storeError, storeErrorCodes } from './store-error.js';

/** A row of the `sessions` table (bigint columns arrive as strings). */
interface SessionRow {
  id: string;
  kind: SessionKind;
  metadata: JsonObject;
  window_start: string;
  last_seq: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, kind, metadata, window_start, last_seq, created_at, updated_at';
const DEFAULT_LIST_LIMIT = 100;
const kinds: readonly SessionKind[] = ['chat', 'task'];

function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    kind: row.kind,
    metadata: row.metadata,
    windowStart: Number(row.window_start),
    lastSeq: Number(row.last_seq),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function checkKind(kind: SessionKind): void {
  if (!kinds.includes(kind)) {
    throw storeError(storeErrorCodes.invalidInput, `A session kind must be "chat" or "task" (got ${JSON.stringify(kind)}).`);
  }
}

/** The error for a write that names a session that does not exist. */
export function sessionNotFound(id: string, action: string): Error {
  return storeError(
    storeErrorCodes.sessionNotFound,
    `Cannot ${action}: session "${id}" does not exist. Create it first with store.sessions.ensure({ id, kind }).`,
  );
}

async function readSession(db: Db, id: string, lock = false): Promise<SessionRecord | undefined> {
  const [row] = await db.rows<SessionRow>(`SELECT ${COLUMNS} FROM ${db.tables.sessions} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row === undefined ? undefined : toRecord(row);
}

async function ensureSession(db: Db, input: { id: string; kind: SessionKind; metadata?: JsonObject }): Promise<SessionRecord> {
  checkName(input.id, 'A session id');
  checkKind(input.kind);
  const existing = await readSession(db, input.id);
  if (existing !== undefined) return existing;
  const now = Date.now();
  const [created] = await db.rows<SessionRow>(
    `INSERT INTO ${db.tables.sessions} (id, kind, metadata, window_start, last_seq, created_at, updated_at)
     VALUES ($1, $2, $3, 0, 0, $4, $4) ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
    [input.id, input.kind, toJsonText(input.metadata ?? {}, `The metadata of session "${input.id}"`), now],
  );
  // Another worker may have created it between the read and the insert.
  const record = created === undefined ? await readSession(db, input.id) : toRecord(created);
  if (record === undefined) throw sessionNotFound(input.id, 'ensure the session');
  return record;
}

/** Merges metadata into a session and/or moves its window start; part of the caller's transaction. */
export async function updateSession(
  db: Db,
  id: string,
  patch: { metadata?: JsonObject; windowStart?: number },
): Promise<SessionRecord> {
  const current = await readSession(db, id, true);
  if (current === undefined) throw sessionNotFound(id, 'update the session');
  const metadata = patch.metadata === undefined ? current.metadata : { ...current.metadata, ...patch.metadata };
  const windowStart = patch.windowStart === undefined ? current.windowStart : checkCount(patch.windowStart, 'windowStart');
  const updatedAt = Date.now();
  await db.rows(`UPDATE ${db.tables.sessions} SET metadata = $1, window_start = $2, updated_at = $3 WHERE id = $4`, [
    toJsonText(metadata, `The metadata of session "${id}"`),
    windowStart,
    updatedAt,
    id,
  ]);
  return { ...current, metadata, windowStart, updatedAt };
}

async function listSessions(db: Db, options: ListSessionsOptions): Promise<SessionRecord[]> {
  const conditions: string[] = [];
  const parameters: SqlValue[] = [];
  const bind = (value: SqlValue) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  if (options.kind !== undefined) conditions.push(`kind = ${bind(options.kind)}`);
  if (options.before !== undefined) conditions.push(`updated_at < ${bind(options.before)}`);
  if (options.prefix !== undefined && options.prefix !== '') conditions.push(`id LIKE ${bind(prefixPattern(options.prefix))}`);
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const limit = bind(checkCount(options.limit ?? DEFAULT_LIST_LIMIT, 'limit'));
  const rows = await db.rows<SessionRow>(
    `SELECT ${COLUMNS} FROM ${db.tables.sessions} ${where} ORDER BY updated_at DESC, id DESC LIMIT ${limit}`,
    parameters,
  );
  return rows.map(toRecord);
}

/** The {@link SessionTable} over the `sessions` table. */
export function createSessionTable(operations: Operations): SessionTable {
  return {
    ensure: (input) => operations.read(`ensure session "${input.id}"`, (db) => ensureSession(db, input)),
    get: (id) => operations.read(`read session "${id}"`, (db) => readSession(db, id)),
    list: (options = {}) => operations.read('list sessions', (db) => listSessions(db, options)),
    update: (id, patch) => operations.write(`update session "${id}"`, (db) => updateSession(db, id, patch)),
    delete: (id) =>
      operations.write(`delete session "${id}"`, async (db) => (await db.changes(`DELETE FROM ${db.tables.sessions} WHERE id = $1`, [id])) > 0),
  };
}
