import type { CollectionQuery, Scalar } from '@downcity/core';
import type { SqlValue } from './connection.js';
import { checkCount } from './input-checks.js';
import { prefixRange } from './prefix-range.js';
import { storeError, storeErrorCodes } from './store-error.js';

/** A SQL fragment and its parameters. */
export interface SqlFragment {
  /** SQL text with `?` placeholders. */
  sql: string;
  /** Values for the placeholders, in order. */
  parameters: SqlValue[];
}

const DEFAULT_LIMIT = 100;

/** The JSON path of a top-level field, e.g. `$."status"`. */
function fieldPath(field: string): string {
  if (field.length === 0 || field.includes('"')) {
    throw storeError(
      storeErrorCodes.invalidInput,
      `Collection field names used in where/orderBy must be non-empty and contain no double quote (got ${JSON.stringify(field)}).`,
    );
  }
  return `$."${field}"`;
}

/**
 * One equality test with JavaScript `===` meaning: the JSON type must match too, so `1` never
 * equals `"1"` or `true`. Booleans and null are matched by type alone (SQLite cannot bind booleans).
 */
function equals(field: string, expected: Scalar): SqlFragment {
  const path = fieldPath(field);
  if (expected === null) return { sql: `json_type(value, ?) = 'null'`, parameters: [path] };
  if (expected === true) return { sql: `json_type(value, ?) = 'true'`, parameters: [path] };
  if (expected === false) return { sql: `json_type(value, ?) = 'false'`, parameters: [path] };
  if (typeof expected === 'number') {
    return {
      sql: `(json_type(value, ?) IN ('integer', 'real') AND json_extract(value, ?) = ?)`,
      parameters: [path, path, expected],
    };
  }
  if (typeof expected === 'string') {
    return { sql: `(json_type(value, ?) = 'text' AND json_extract(value, ?) = ?)`, parameters: [path, path, expected] };
  }
  throw storeError(
    storeErrorCodes.invalidInput,
    `A collection filter on "${field}" must compare with a string, number, boolean or null (got ${typeof expected}).`,
  );
}

/** The `WHERE` clause for a collection, an optional id prefix and field filters. */
export function whereClause(collection: string, where: Record<string, Scalar> = {}, idPrefix?: string): SqlFragment {
  const conditions = ['collection = ?'];
  const parameters: SqlValue[] = [collection];
  if (idPrefix !== undefined && idPrefix !== '') {
    const range = prefixRange(idPrefix);
    conditions.push('id >= ?');
    parameters.push(range.lower);
    if (range.upper !== undefined) {
      conditions.push('id < ?');
      parameters.push(range.upper);
    }
  }
  for (const [field, expected] of Object.entries(where)) {
    const test = equals(field, expected);
    conditions.push(test.sql);
    parameters.push(...test.parameters);
  }
  return { sql: `WHERE ${conditions.join(' AND ')}`, parameters };
}

/** The full `SELECT` for {@link CollectionQuery}: filters, order (then id ascending) and limit. */
export function listQuery(collection: string, query: CollectionQuery): SqlFragment {
  const where = whereClause(collection, query.where, query.idPrefix);
  const parameters = [...where.parameters];
  let order = 'id ASC';
  if (query.orderBy !== undefined) {
    const direction = query.orderBy.direction === 'desc' ? 'DESC' : 'ASC';
    order = `json_extract(value, ?) ${direction}, id ASC`;
    parameters.push(fieldPath(query.orderBy.field));
  }
  parameters.push(checkCount(query.limit ?? DEFAULT_LIMIT, 'limit'));
  return { sql: `SELECT id, value FROM collections ${where.sql} ORDER BY ${order} LIMIT ?`, parameters };
}
