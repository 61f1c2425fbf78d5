/**
 * `@downcity/store-libsql`: the embedded default Downcity store, one libSQL file with WAL,
 * versioned migrations, FTS5 full-text and vector search.
 *
 * @packageDocumentation
 */
export { createLibsqlStore, DEFAULT_DATABASE_PATH, type LibsqlStoreOptions } from './libsql-store.js';
export { storeErrorCodes, type StoreError, type StoreErrorCode } from './store-error.js';
