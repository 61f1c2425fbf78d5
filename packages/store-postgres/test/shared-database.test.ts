import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '@downcity/core';
import { createTestDatabase } from '@downcity/testing/postgres';
import { createPostgresStore, insertEntry, isPostgresStore, type PostgresStore, storeErrorCodes } from '../src/index.js';

// What another package sharing the store's database (the cluster) builds on: the pool, dedicated clients,
// transactions with a collection insert in them.
const database = await createTestDatabase();
afterAll(() => database.drop());

const opened: PostgresStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

async function openStore(): Promise<PostgresStore> {
  const store = createPostgresStore({ connectionString: database.url, schema: database.schema() });
  opened.push(store);
  await store.open();
  return store;
}

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('the postgres store shares its database', () => {
  it('is recognised as a postgres store; other stores are not', () => {
    expect(isPostgresStore(createPostgresStore({ connectionString: database.url }))).toBe(true);
    expect(isPostgresStore(createMemoryStore())).toBe(false);
  });

  it('names its schema, and refuses the pool and clients before open', async () => {
    const schema = database.schema();
    const store = createPostgresStore({ connectionString: database.url, schema });
    expect(store.schema).toBe(schema);
    expect(() => store.pool).toThrow(expect.objectContaining({ code: storeErrorCodes.notOpen }));
    expect((await failure(store.connect('hold a lease'))).message).toContain('Cannot hold a lease: the postgres store is not open');
  });

  it('inserts an entry inside a transaction: committed with the other statements, or rolled back with them', async () => {
    const store = await openStore();
    const inbox = store.collection('chat:inbox');
    expect(await store.transaction('insert kept', (db) => insertEntry(db, 'chat:inbox', 'kept', { n: 1 }))).toBe(true);
    const error = await failure(
      store.transaction('insert then fail', async (db) => {
        expect(await insertEntry(db, 'chat:inbox', 'undone', { n: 2 })).toBe(true);
        await db.rows('SELECT no_such_column FROM no_such_table');
      }),
    );
    expect(error.code).toBe(storeErrorCodes.failed);
    expect(error.message).toContain('Could not insert then fail');
    expect(await inbox.get('kept')).toEqual({ n: 1 });
    expect(await inbox.get('undone')).toBeUndefined();
    // A duplicate id stores nothing and says so.
    expect(await store.transaction('insert again', (db) => insertEntry(db, 'chat:inbox', 'kept', { n: 3 }))).toBe(false);
    expect(await inbox.get('kept')).toEqual({ n: 1 });
  });

  it('connects dedicated clients outside its pool, holding session state of their own', async () => {
    const store = await openStore();
    const client = await store.connect('hold an advisory lock');
    try {
      expect((await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(42) AS locked')).rows[0]?.locked).toBe(true);
      // The lock belongs to that session: a pooled connection cannot take it.
      expect((await store.pool.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(42) AS locked')).rows[0]?.locked).toBe(false);
    } finally {
      await client.end();
    }
    expect((await store.pool.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(42) AS locked')).rows[0]?.locked).toBe(true);
  });

  it('connects dedicated clients with the settings of a pool it was given', async () => {
    const pool = new pg.Pool({ connectionString: database.url, application_name: 'given-pool' });
    try {
      const store = createPostgresStore({ pool, schema: database.schema() });
      await store.open();
      const client = await store.connect('listen');
      try {
        expect((await client.query<{ name: string }>("SELECT current_setting('application_name') AS name")).rows[0]?.name).toBe('given-pool');
      } finally {
        await client.end();
      }
      await store.close();
    } finally {
      await pool.end();
    }
  });

  it('words a failure to connect without the password', async () => {
    const url = new URL(database.url);
    const password = decodeURIComponent(url.password);
    const store = await openStore();
    const error = store.describeError(Object.assign(new Error(`password authentication failed: ${password}`), { code: '28P01' }), 'listen for events');
    expect(error.code).toBe(storeErrorCodes.authFailed);
    expect(error.message).toContain('Could not listen for events');
    expect(error.message).not.toContain(password);
  });
});
