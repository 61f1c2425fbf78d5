import { describeStoreConformance } from '@downcity/testing';
import { afterAll } from 'vitest';
import { createPostgresStore } from '../src/index.js';
import { createTestDatabase } from '@downcity/testing/postgres';

const database = await createTestDatabase();
afterAll(() => database.drop());

// Each test gets a new, empty schema in this file's own database.
describeStoreConformance('postgres', () => createPostgresStore({ connectionString: database.url, schema: database.schema() }), {
  persistent: true,
});
