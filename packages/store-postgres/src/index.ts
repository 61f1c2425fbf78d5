/**
 * `@downcity/store-postgres`: the Downcity store on PostgreSQL, for agents that run as several workers
 * on one database. Versioned migrations under an advisory lock, `tsvector` full-text search, vector search
 * without extensions (pgvector when the database has it).
 *
 * @packageDocumentation
 */
export { createPostgresStore, DEFAULT_SCHEMA, isPostgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { insertEntry } from './collection.js';
export type { Db, SqlValue } from './operations.js';
export type { Tables } from './tables.js';
export { inspectPostgresStore, type InspectPostgresStoreOptions, type PostgresStoreReport } from './inspect-store.js';
export { storeErrorCodes, type StoreError, type StoreErrorCode } from './store-error.js';
