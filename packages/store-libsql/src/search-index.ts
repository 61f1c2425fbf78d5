import type { JsonObject, SearchDocument, SearchHit, SearchIndex } from '@downcity/core';
import type { Connection } from './connection.js';
import { toFtsQuery } from './fts-query.js';
import { checkCount, checkName } from './input-checks.js';
import { fromJsonText, toJsonText } from './json-text.js';
import type { Operations } from './operations.js';
import { dimensionMismatch, toVectorText } from './vector.js';

/** A document row joined with its relevance. */
interface HitRow {
  id: string;
  scope: string;
  text: string;
  metadata: string;
  score: number;
}

function toHit(row: HitRow): SearchHit {
  return { id: row.id, scope: row.scope, text: row.text, metadata: fromJsonText<JsonObject>(row.metadata), score: row.score };
}

function namespaceDimension(connection: Connection, namespace: string): number | undefined {
  return connection.get<{ dimension: number }>('SELECT dimension FROM search_vector_dimensions WHERE namespace = ?', [
    namespace,
  ])?.dimension;
}

/** Fixes the namespace's dimension at its first vector, then holds every later vector to it. */
function checkDimension(connection: Connection, namespace: string, dimension: number, what: string): void {
  const expected = namespaceDimension(connection, namespace);
  if (expected === undefined) {
    connection.run('INSERT INTO search_vector_dimensions (namespace, dimension) VALUES (?, ?)', [namespace, dimension]);
  } else if (expected !== dimension) {
    throw dimensionMismatch(namespace, expected, dimension, what);
  }
}

function upsertDocument(connection: Connection, document: SearchDocument): void {
  checkName(document.namespace, 'A search namespace');
  const label = `Document "${document.namespace}/${document.id}"`;
  let vectorText: string | null = null;
  if (document.vector !== undefined) {
    vectorText = toVectorText(document.vector, `The vector of ${label}`);
    checkDimension(connection, document.namespace, document.vector.length, `The vector of ${label}`);
  }
  const metadata = toJsonText(document.metadata ?? {}, `The metadata of ${label}`);
  const values = [document.namespace, document.id, document.scope, document.text, metadata];
  connection.run(
    `INSERT INTO search_documents (namespace, id, scope, text, metadata, vector)
     VALUES (?, ?, ?, ?, ?, ${vectorText === null ? 'NULL' : 'vector32(?)'})
     ON CONFLICT (namespace, id) DO UPDATE SET
       scope = excluded.scope, text = excluded.text, metadata = excluded.metadata, vector = excluded.vector`,
    vectorText === null ? values : [...values, vectorText],
  );
}

/**
 * {@link SearchIndex} over `search_documents`: text through the external-content FTS5 table
 * `search_text` (BM25, porter + unicode61), vectors as `vector32()` blobs compared with
 * `vector_distance_cos` over the namespace's documents in the requested scopes.
 */
export function createSearchIndex(operations: Operations): SearchIndex {
  return {
    upsert: (document) =>
      operations.write(`index document "${document.namespace}/${document.id}"`, (connection) =>
        upsertDocument(connection, document),
      ),
    remove: (namespace, id) =>
      operations.write(
        `remove document "${namespace}/${id}"`,
        (connection) =>
          connection.run('DELETE FROM search_documents WHERE namespace = ? AND id = ?', [namespace, id]).changes > 0,
      ),
    searchText: (query) =>
      operations.read(`search "${query.namespace}" by text`, (connection) => {
        const match = toFtsQuery(query.text);
        const limit = checkCount(query.limit, 'limit');
        if (match === undefined || query.scopes.length === 0 || limit === 0) return [];
        return connection
          .all<HitRow>(
            `SELECT d.id, d.scope, d.text, d.metadata, -bm25(search_text) AS score
             FROM search_text JOIN search_documents AS d ON d.doc_id = search_text.rowid
             WHERE search_text MATCH ? AND d.namespace = ? AND d.scope IN (SELECT value FROM json_each(?))
             ORDER BY bm25(search_text) LIMIT ?`,
            [match, query.namespace, JSON.stringify(query.scopes), limit],
          )
          .map(toHit);
      }),
    searchVector: (query) =>
      operations.read(`search "${query.namespace}" by vector`, (connection) => {
        const vectorText = toVectorText(query.vector, 'The query vector');
        const limit = checkCount(query.limit, 'limit');
        const dimension = namespaceDimension(connection, query.namespace);
        if (dimension === undefined || query.scopes.length === 0 || limit === 0) return [];
        if (dimension !== query.vector.length) {
          throw dimensionMismatch(query.namespace, dimension, query.vector.length, 'The query vector');
        }
        return connection
          .all<HitRow>(
            `SELECT id, scope, text, metadata, 1 - vector_distance_cos(vector, vector32(?)) AS score
             FROM search_documents
             WHERE namespace = ? AND vector IS NOT NULL AND scope IN (SELECT value FROM json_each(?))
             ORDER BY score DESC LIMIT ?`,
            [vectorText, query.namespace, JSON.stringify(query.scopes), limit],
          )
          .map(toHit);
      }),
  };
}
