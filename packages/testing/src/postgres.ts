/**
 * `@downcity/testing/postgres`: a fresh PostgreSQL database per test file, for packages that run on
 * PostgreSQL (`@downcity/store-postgres`, `@downcity/cluster-postgres`). A subpath of its own, so the main
 * entry never loads `pg`.
 *
 * @packageDocumentation
 */
export { createTestDatabase, type TestDatabase } from './postgres/create-test-database.js';
