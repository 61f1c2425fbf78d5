import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Store } from '@downcity/core';
import { createPostgresStore, storeErrorCodes } from '../src/index.js';
import { migrations } from '../src/migrations.js';
import { createTestDatabase } from '@downcity/testing/postgres';

const database = await createTestDatabase();
afterAll(() => database.drop());

const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});


/** The error `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('postgres store migrations', () => {
  it('eight workers opening one new schema together migrate it exactly once', async () => {
    const schema = database.schema();
    const stores = Array.from({ length: 8 }, () => createPostgresStore({ connectionString: database.url, schema }));
    opened.push(...stores);
    // The migration's CREATE TABLEs have no IF NOT EXISTS: a second, unserialised run would fail here.
    await Promise.all(stores.map((store) => store.open()));
    const rows = await database.query<{ version: number }>(`SELECT version FROM "${schema}".downcity_migrations ORDER BY version`);
    expect(rows.map((row) => row.version)).toEqual(migrations.map((migration) => migration.version));
    // Every worker sees the others' writes.
    await stores[0]?.sessions.ensure({ id: 'chat:shared', kind: 'chat' });
    await Promise.all(stores.map((store, index) => store.messages.append('chat:shared', [{ role: 'user', content: `from ${index}` }])));
    expect((await stores[7]?.messages.tail('chat:shared', { limit: 20 }))?.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('records each migration once, however often it is opened', async () => {
    const schema = database.schema();
    const store = createPostgresStore({ connectionString: database.url, schema });
    await store.open();
    await store.close();
    await store.open();
    opened.push(store);
    const rows = await database.query<{ version: number; applied_at: string }>(`SELECT version, applied_at FROM "${schema}".downcity_migrations`);
    expect(rows.map((row) => row.version)).toEqual([1]);
    expect(Number(rows[0]?.applied_at)).toBeGreaterThan(0);
  });

  it('refuses a schema written by a newer release and says to upgrade', async () => {
    const schema = database.schema();
    const store = createPostgresStore({ connectionString: database.url, schema });
    await store.open();
    await store.close();
    await database.query(`INSERT INTO "${schema}".downcity_migrations (version, name, applied_at) VALUES (99, 'from the future', 1)`);
    const error = await failure(store.open());
    expect(error.code).toBe(storeErrorCodes.schemaTooNew);
    expect(error.message).toContain('version 99');
    expect(error.message).toContain('upgrade @downcity/store-postgres');
  });

  it('keeps stores in different schemas of one database apart', async () => {
    const left = createPostgresStore({ connectionString: database.url, schema: database.schema() });
    const right = createPostgresStore({ connectionString: database.url, schema: database.schema() });
    opened.push(left, right);
    await left.open();
    await right.open();
    await left.collection('test/x').put('k', { side: 'left' });
    expect(await right.collection('test/x').get('k')).toBeUndefined();
  });

  it('uses a pool it was given and leaves it open on close', async () => {
    const pool = new pg.Pool({ connectionString: database.url });
    try {
      const store = createPostgresStore({ pool, schema: database.schema() });
      await store.open();
      await store.sessions.ensure({ id: 'chat:pooled', kind: 'chat' });
      await store.close();
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('fails clearly when used before open', async () => {
    const store = createPostgresStore({ connectionString: database.url, schema: database.schema() });
    const error = await failure(store.sessions.get('chat:x'));
    expect(error.code).toBe(storeErrorCodes.notOpen);
    expect(error.message).toContain('await store.open()');
  });
});

describe('postgres store errors say what to fix and never show the password', () => {
  const admin = new URL(database.adminUrl);
  const password = decodeURIComponent(admin.password);
  const withUrl = (change: (url: URL) => void): string => {
    const url = new URL(database.url);
    change(url);
    return url.toString();
  };

  const expectNoSecret = (error: Error) => {
    expect(error.message).not.toContain(password);
    expect(error.message).not.toContain('s3cret-wrong-pass');
    expect(String(error.stack)).not.toContain(password);
  };

  it('a wrong password', async () => {
    const url = withUrl((next) => {
      next.password = 's3cret-wrong-pass';
    });
    const error = await failure(createPostgresStore({ connectionString: url }).open());
    expect(error.code).toBe(storeErrorCodes.authFailed);
    expect(error.message).toContain('Check the user name and password');
    expect(error.message).toContain(`${admin.username}@${admin.host}`);
    expectNoSecret(error);
  });

  it('a database that does not exist', async () => {
    const url = withUrl((next) => {
      next.pathname = '/no_such_database_here';
    });
    const error = await failure(createPostgresStore({ connectionString: url }).open());
    expect(error.code).toBe(storeErrorCodes.databaseMissing);
    expect(error.message).toContain('no_such_database_here');
    expect(error.message).toContain('CREATE DATABASE');
    expectNoSecret(error);
  });

  it('a server that does not answer', async () => {
    const url = withUrl((next) => {
      next.port = '1';
    });
    const error = await failure(createPostgresStore({ connectionString: url }).open());
    expect(error.code).toBe(storeErrorCodes.unreachable);
    expect(error.message).toContain('Check that PostgreSQL runs');
    expectNoSecret(error);
  });

  it('a connection string that is not a postgres URL', () => {
    const notUrl = `postgres//${admin.username}:${password}@localhost/db`;
    expect(() => createPostgresStore({ connectionString: notUrl })).toThrow(/not a URL; write it as postgres:\/\/user:password@host/);
    const mysql = `mysql://${admin.username}:${password}@localhost/db`;
    let error: Error | undefined;
    try {
      createPostgresStore({ connectionString: mysql });
    } catch (caught) {
      error = caught as Error;
    }
    expect((error as Error & { code?: string }).code).toBe(storeErrorCodes.badUrl);
    expect(error?.message).toContain('use postgres:// or postgresql://');
    expect(error?.message).toContain(`mysql://${admin.username}@localhost/db`);
    expectNoSecret(error as Error);
  });
});
