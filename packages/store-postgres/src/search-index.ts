import type { JsonObject, SearchDocument, SearchHit, SearchIndex } from '@downcity/core';
import { toTsQuery } from './fts-query.js';
import { checkCount, checkName, toJsonText } from './input-checks.js';
import type { Db, Operations, SqlValue } from './operations.js';
import { cosineSimilaritySql, dimensionMismatch, vectorNorm } from './vector.js';

/** A document row with its relevance. */
interface HitRow {
  id: string;
  scope: string;
  text: string;
  metadata: JsonObject;
  score: number;
}

function toHit(row: HitRow): SearchHit {
  return { id: row.id, scope: row.scope, text: row.text, metadata: row.metadata, score: Number(row.score) };
}

async function namespaceDimension(db: Db, namespace: string): Promise<number | undefined> {
  const [row] = await db.rows<{ dimension: number }>(`SELECT dimension FROM ${db.tables.searchVectorDimensions} WHERE namespace = $1`, [namespace]);
  return row?.dimension;
}

/** Fixes the namespace's dimension at its first vector (whichever worker writes it first), then holds every later vector to it. */
async function checkDimension(db: Db, namespace: string, dimension: number, what: string): Promise<void> {
  await db.rows(`INSERT INTO ${db.tables.searchVectorDimensions} (namespace, dimension) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
    namespace,
    dimension,
  ]);
  const expected = await namespaceDimension(db, namespace);
  if (expected !== undefined && expected !== dimension) throw dimensionMismatch(namespace, expected, dimension, what);
}

async function upsertDocument(db: Db, document: SearchDocument): Promise<void> {
  checkName(document.namespace, 'A search namespace');
  const label = `Document "${document.namespace}/${document.id}"`;
  let vector: readonly number[] | null = null;
  let norm: number | null = null;
  if (document.vector !== undefined) {
    norm = vectorNorm(document.vector, `The vector of ${label}`);
    vector = document.vector;
    await checkDimension(db, document.namespace, document.vector.length, `The vector of ${label}`);
  }
  await db.rows(
    `INSERT INTO ${db.tables.searchDocuments} (namespace, id, scope, text, metadata, vector, vector_norm)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (namespace, id) DO UPDATE SET
       scope = excluded.scope, text = excluded.text, metadata = excluded.metadata,
       vector = excluded.vector, vector_norm = excluded.vector_norm`,
    [document.namespace, document.id, document.scope, document.text, toJsonText(document.metadata ?? {}, `The metadata of ${label}`), vector, norm],
  );
}

/**
 * {@link SearchIndex} over `search_documents`: text through the stored `tsvector` column (english
 * stemming, GIN index, ranked by `ts_rank`), vectors as `double precision[]` compared by cosine over the
 * namespace's documents in the requested scopes (by pgvector's `cosine_distance` when it is installed).
 */
export function createSearchIndex(operations: Operations, pgvectorSchema: () => string | undefined): SearchIndex {
  return {
    upsert: (document) => operations.write(`index document "${document.namespace}/${document.id}"`, (db) => upsertDocument(db, document)),
    remove: (namespace, id) =>
      operations.read(
        `remove document "${namespace}/${id}"`,
        async (db) => (await db.changes(`DELETE FROM ${db.tables.searchDocuments} WHERE namespace = $1 AND id = $2`, [namespace, id])) > 0,
      ),
    searchText: (query) =>
      operations.read(`search "${query.namespace}" by text`, async (db) => {
        const terms = toTsQuery(query.text);
        const limit = checkCount(query.limit, 'limit');
        if (terms === undefined || query.scopes.length === 0 || limit === 0) return [];
        const rows = await db.rows<HitRow>(
          `SELECT d.id, d.scope, d.text, d.metadata, ts_rank(d.text_vector, q.query) AS score
           FROM ${db.tables.searchDocuments} AS d, to_tsquery('english', $1) AS q (query)
           WHERE d.text_vector @@ q.query AND d.namespace = $2 AND d.scope = ANY($3::text[])
           ORDER BY score DESC, d.id ASC LIMIT $4`,
          [terms, query.namespace, query.scopes, limit],
        );
        return rows.map(toHit);
      }),
    searchVector: (query) =>
      operations.read(`search "${query.namespace}" by vector`, async (db) => {
        const norm = vectorNorm(query.vector, 'The query vector');
        const limit = checkCount(query.limit, 'limit');
        const dimension = await namespaceDimension(db, query.namespace);
        if (dimension === undefined || query.scopes.length === 0 || limit === 0) return [];
        if (dimension !== query.vector.length) throw dimensionMismatch(query.namespace, dimension, query.vector.length, 'The query vector');
        const pgvector = pgvectorSchema();
        const parameters: SqlValue[] = [query.vector, query.namespace, query.scopes, limit];
        if (pgvector === undefined) parameters.push(norm);
        const rows = await db.rows<HitRow>(
          `SELECT d.id, d.scope, d.text, d.metadata, ${cosineSimilaritySql(pgvector)} AS score
           FROM ${db.tables.searchDocuments} AS d
           WHERE d.namespace = $2 AND d.vector IS NOT NULL AND d.scope = ANY($3::text[])
           ORDER BY score DESC, d.id ASC LIMIT $4`,
          parameters,
        );
        return rows.map(toHit);
      }),
  };
}
