import type { Collection, JsonObject } from '@downcity/core';
import type { Connection } from './connection.js';
import { listQuery, whereClause } from './collection-query.js';
import { fromJsonText, toJsonText } from './json-text.js';
import type { Operations } from './operations.js';

/** Stores `value` under `collection`/`id`, replacing any previous value; part of the caller's transaction. */
export function putEntry(connection: Connection, collection: string, id: string, value: JsonObject): void {
  connection.run(
    'INSERT INTO collections (collection, id, value) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET value = excluded.value',
    [collection, id, toJsonText(value, `The value of ${collection}/${id}`)],
  );
}

/** Removes `collection`/`id`; returns whether it existed. */
export function deleteEntry(connection: Connection, collection: string, id: string): boolean {
  return connection.run('DELETE FROM collections WHERE collection = ? AND id = ?', [collection, id]).changes > 0;
}

/** A {@link Collection} stored as rows of the `collections` table, values as JSON text. */
export function createCollection<T extends JsonObject>(name: string, operations: Operations): Collection<T> {
  return {
    name,
    get: (id) =>
      operations.read(`read ${name}/${id}`, (connection) => {
        const row = connection.get<{ value: string }>('SELECT value FROM collections WHERE collection = ? AND id = ?', [
          name,
          id,
        ]);
        return row === undefined ? undefined : fromJsonText<T>(row.value);
      }),
    put: (id, value) => operations.write(`write ${name}/${id}`, (connection) => putEntry(connection, name, id, value)),
    insert: (id, value) =>
      operations.write(
        `insert ${name}/${id}`,
        (connection) =>
          connection.run('INSERT INTO collections (collection, id, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
            name,
            id,
            toJsonText(value, `The value of ${name}/${id}`),
          ]).changes > 0,
      ),
    delete: (id) => operations.write(`delete ${name}/${id}`, (connection) => deleteEntry(connection, name, id)),
    list: (query = {}) =>
      operations.read(`list collection ${name}`, (connection) => {
        const select = listQuery(name, query);
        return connection
          .all<{ id: string; value: string }>(select.sql, select.parameters)
          .map((row) => ({ id: row.id, value: fromJsonText<T>(row.value) }));
      }),
    count: (where) =>
      operations.read(`count collection ${name}`, (connection) => {
        const filter = whereClause(name, where);
        return (
          connection.get<{ total: number }>(`SELECT count(*) AS total FROM collections ${filter.sql}`, filter.parameters)
            ?.total ?? 0
        );
      }),
  };
}
