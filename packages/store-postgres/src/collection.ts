import type { Collection, CollectionQuery, JsonObject, Scalar } from '@downcity/core';
import { checkCount, prefixPattern, toJsonText } from './input-checks.js';
import type { Db, Operations, SqlValue } from './operations.js';
import { storeError, storeErrorCodes } from './store-error.js';

const DEFAULT_LIMIT = 100;

/** Collects parameters and hands out their `$n` placeholders. */
class Parameters {
  readonly values: SqlValue[] = [];
  bind(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function checkField(field: string): string {
  if (typeof field !== 'string' || field.length === 0) {
    throw storeError(storeErrorCodes.invalidInput, `Collection field names used in where/orderBy must be non-empty strings (got ${JSON.stringify(field)}).`);
  }
  return field;
}

/**
 * The `WHERE` clause: collection, optional id prefix, and field filters with JavaScript `===` meaning
 * (jsonb equality compares types too, so `1` never equals `"1"` or `true`).
 */
function whereClause(parameters: Parameters, collection: string, where: Record<string, Scalar> = {}, idPrefix?: string): string {
  const conditions = [`collection = ${parameters.bind(collection)}`];
  if (idPrefix !== undefined && idPrefix !== '') conditions.push(`id LIKE ${parameters.bind(prefixPattern(idPrefix))}`);
  for (const [field, expected] of Object.entries(where)) {
    if (expected !== null && !['string', 'number', 'boolean'].includes(typeof expected)) {
      throw storeError(
        storeErrorCodes.invalidInput,
        `A collection filter on "${field}" must compare with a string, number, boolean or null (got ${typeof expected}).`,
      );
    }
    conditions.push(`value -> ${parameters.bind(checkField(field))} = ${parameters.bind(JSON.stringify(expected))}::jsonb`);
  }
  return `WHERE ${conditions.join(' AND ')}`;
}

function listSql(db: Db, parameters: Parameters, collection: string, query: CollectionQuery): string {
  const where = whereClause(parameters, collection, query.where, query.idPrefix);
  let order = 'id ASC';
  if (query.orderBy !== undefined) {
    // Missing fields sort first ascending and last descending, as in the libSQL store.
    const direction = query.orderBy.direction === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST';
    order = `value -> ${parameters.bind(checkField(query.orderBy.field))} ${direction}, id ASC`;
  }
  const limit = parameters.bind(checkCount(query.limit ?? DEFAULT_LIMIT, 'limit'));
  return `SELECT id, value FROM ${db.tables.collections} ${where} ORDER BY ${order} LIMIT ${limit}`;
}

/** Stores `value` under `collection`/`id`, replacing any previous value; part of the caller's transaction. */
export async function putEntry(db: Db, collection: string, id: string, value: JsonObject): Promise<void> {
  await db.rows(
    `INSERT INTO ${db.tables.collections} (collection, id, value) VALUES ($1, $2, $3)
     ON CONFLICT (collection, id) DO UPDATE SET value = excluded.value`,
    [collection, id, toJsonText(value, `The value of ${collection}/${id}`)],
  );
}

/**
 * Stores `value` under `collection`/`id` unless an entry with that id exists (then nothing changes); returns
 * whether it was stored. Runs on `db`, so inside a transaction it commits or rolls back with the caller's other
 * writes (`@downcity/cluster-postgres` adds a job in the same transaction).
 *
 * @param db - the pool or a client inside a transaction (see `PostgresStore.transaction`)
 * @param collection - the collection's full name, e.g. `chat:inbox`
 * @param id - the entry's id
 * @param value - a JSON object
 */
export async function insertEntry(db: Db, collection: string, id: string, value: JsonObject): Promise<boolean> {
  const changed = await db.changes(`INSERT INTO ${db.tables.collections} (collection, id, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    collection,
    id,
    toJsonText(value, `The value of ${collection}/${id}`),
  ]);
  return changed > 0;
}

/** Removes `collection`/`id`; returns whether it existed. */
export async function deleteEntry(db: Db, collection: string, id: string): Promise<boolean> {
  return (await db.changes(`DELETE FROM ${db.tables.collections} WHERE collection = $1 AND id = $2`, [collection, id])) > 0;
}

/** A {@link Collection} stored as rows of the `collections` table, values as `jsonb`. */
export function createCollection<T extends JsonObject>(name: string, operations: Operations): Collection<T> {
  return {
    name,
    get: (id) =>
      operations.read(`read ${name}/${id}`, async (db) => {
        const [row] = await db.rows<{ value: T }>(`SELECT value FROM ${db.tables.collections} WHERE collection = $1 AND id = $2`, [name, id]);
        return row?.value;
      }),
    put: (id, value) => operations.write(`write ${name}/${id}`, (db) => putEntry(db, name, id, value)),
    insert: (id, value) => operations.read(`insert ${name}/${id}`, (db) => insertEntry(db, name, id, value)),
    delete: (id) => operations.read(`delete ${name}/${id}`, (db) => deleteEntry(db, name, id)),
    list: (query = {}) =>
      operations.read(`list collection ${name}`, async (db) => {
        const parameters = new Parameters();
        const sql = listSql(db, parameters, name, query);
        return (await db.rows<{ id: string; value: T }>(sql, parameters.values)).map((row) => ({ id: row.id, value: row.value }));
      }),
    count: (where) =>
      operations.read(`count collection ${name}`, async (db) => {
        const parameters = new Parameters();
        const filter = whereClause(parameters, name, where);
        const [row] = await db.rows<{ total: string }>(`SELECT count(*) AS total FROM ${db.tables.collections} ${filter}`, parameters.values);
        return Number(row?.total ?? 0);
      }),
  };
}
