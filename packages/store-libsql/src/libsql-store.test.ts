import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { describeStoreConformance } from '@downcity/testing';
import { createLibsqlStore } from './libsql-store.js';
import { Connection } from './connection.js';
import { appliedVersion, migrations, runMigrations } from './migrations.js';

const root = mkdtempSync(join(tmpdir(), 'downcity-store-libsql-'));
let files = 0;
const tempPath = (): string => join(root, `run-${(files += 1)}`, 'downcity.db');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describeStoreConformance('libsql (file)', () => createLibsqlStore({ path: tempPath() }), { persistent: true });
describeStoreConformance('libsql (:memory:)', () => createLibsqlStore({ path: ':memory:' }));

/** Reads the file with a second, raw connection, the way an operator would inspect it. */
function inspect<T>(path: string, sql: string): T[] {
  const database = new Database(path);
  try {
    return database.prepare(sql).all() as T[];
  } finally {
    database.close();
  }
}

describe('libsql store', () => {
  const opened: { close(): Promise<void> }[] = [];
  const open = async (path = tempPath(), busyTimeoutMs?: number) => {
    const store = createLibsqlStore(busyTimeoutMs === undefined ? { path } : { path, busyTimeoutMs });
    await store.open();
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('creates missing directories and uses WAL', async () => {
    const path = join(root, 'deep', 'er', 'downcity.db');
    await open(path);
    expect(inspect<{ journal_mode: string }>(path, 'PRAGMA journal_mode')[0]?.journal_mode).toBe('wal');
  });

  it('records each migration once, however often it is opened', async () => {
    const path = tempPath();
    const store = await open(path);
    await store.close();
    await store.open();
    await store.close();
    await (await open(path)).close();
    const rows = inspect<{ version: number; name: string; applied_at: number }>(
      path,
      'SELECT version, name, applied_at FROM downcity_migrations ORDER BY version',
    );
    expect(rows.map((row) => row.version)).toEqual(migrations.map((migration) => migration.version));
    expect(rows.every((row) => typeof row.name === 'string' && row.applied_at > 0)).toBe(true);
  });

  it('lists migrations in order from version 1', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('rolls back a failing migration as a whole', () => {
    const connection = Connection.open({ path: tempPath(), busyTimeoutMs: 100 });
    try {
      const broken = [
        ...migrations,
        { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;' },
      ];
      expect(() => runMigrations(connection, broken)).toThrow(/no_such_table/);
      expect(appliedVersion(connection)).toBe(migrations.length);
      expect(connection.all("SELECT name FROM sqlite_master WHERE name = 'half_done'")).toEqual([]);
    } finally {
      connection.close();
    }
  });

  it('refuses a database written by a newer version', async () => {
    const path = tempPath();
    await (await open(path)).close();
    const database = new Database(path);
    database.prepare('INSERT INTO downcity_migrations (version, name, applied_at) VALUES (?, ?, ?)').run([999, 'future', 1]);
    database.close();
    const store = createLibsqlStore({ path });
    await expect(store.open()).rejects.toMatchObject({
      code: 'STORE_SCHEMA_TOO_NEW',
      message: expect.stringMatching(/schema version 999.*upgrade @downcity\/store-libsql/s),
    });
    await expect(store.sessions.get('x')).rejects.toMatchObject({ code: 'STORE_NOT_OPEN' });
  });

  it('throws a clear error before open and after close', async () => {
    const store = createLibsqlStore({ path: tempPath() });
    await expect(store.sessions.get('chat:1')).rejects.toMatchObject({
      code: 'STORE_NOT_OPEN',
      message: expect.stringContaining('store.open()'),
    });
    await store.open();
    await store.close();
    await expect(store.messages.count('chat:1')).rejects.toMatchObject({ code: 'STORE_NOT_OPEN' });
    await expect(store.batch([])).rejects.toMatchObject({ code: 'STORE_NOT_OPEN' });
  });

  it('names the missing session when appending to it', async () => {
    const store = await open();
    await expect(store.messages.append('chat:ghost', [{ role: 'user', content: 'hi' }])).rejects.toMatchObject({
      code: 'STORE_SESSION_NOT_FOUND',
      message: expect.stringContaining('"chat:ghost" does not exist'),
    });
  });

  it('explains a file that is not a database', async () => {
    const path = tempPath();
    await (await open(path)).close();
    rmSync(path);
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    writeFileSync(path, 'this is not a database file, it is just some text. '.repeat(100));
    await expect(createLibsqlStore({ path }).open()).rejects.toMatchObject({ code: 'STORE_CORRUPT', cause: expect.anything() });
  });

  it('reports a lock held by another connection after the busy timeout', async () => {
    const path = tempPath();
    const store = await open(path, 50);
    await store.sessions.ensure({ id: 'chat:1', kind: 'chat' });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(store.messages.append('chat:1', [{ role: 'user', content: 'hi' }])).rejects.toMatchObject({
        code: 'STORE_LOCKED',
        message: expect.stringContaining('busyTimeoutMs'),
      });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await store.messages.append('chat:1', [{ role: 'user', content: 'hi' }]);
    expect(await store.messages.count('chat:1')).toBe(1);
  });

  it('rejects a vector of another dimension in the same namespace', async () => {
    const store = await open();
    await store.search.upsert({ namespace: 'memory', id: 'a', scope: 's', text: 'a', vector: [1, 0, 0] });
    await expect(
      store.search.upsert({ namespace: 'memory', id: 'b', scope: 's', text: 'b', vector: [1, 0] }),
    ).rejects.toMatchObject({ code: 'STORE_INVALID_INPUT', message: expect.stringContaining('3-dimensional') });
    await expect(
      store.search.searchVector({ namespace: 'memory', vector: [1, 0], scopes: ['s'], limit: 1 }),
    ).rejects.toMatchObject({ code: 'STORE_INVALID_INPUT' });
    await store.search.upsert({ namespace: 'other', id: 'b', scope: 's', text: 'b', vector: [1, 0] });
  });

  it('accepts FTS5 syntax characters in a text query as plain words', async () => {
    const store = await open();
    await store.search.upsert({ namespace: 'memory', id: 'near', scope: 's', text: 'The NEAR operator and "quotes" (parens) - dash' });
    const queries = ['"', '""', "'", '*', 'NEAR', 'NEAR(', 'near/3', '-', '- -x', '(', ')', '()', 'AND OR NOT', '^start', 'text:col', '{a b}:x', '+'];
    for (const text of queries) {
      await expect(store.search.searchText({ namespace: 'memory', text, scopes: ['s'], limit: 3 })).resolves.toBeInstanceOf(Array);
    }
    const hits = await store.search.searchText({ namespace: 'memory', text: 'NEAR(parens*', scopes: ['s'], limit: 3 });
    expect(hits.map((hit) => hit.id)).toEqual(['near']);
  });

  it('reads the tail of a 100,000-message session', async () => {
    const store = await open();
    await store.sessions.ensure({ id: 'chat:big', kind: 'chat' });
    const messages = Array.from({ length: 100_000 }, (_, index) => ({ role: 'user' as const, content: `message ${index + 1}` }));
    await store.batch([{ type: 'message.append', sessionId: 'chat:big', messages }]);
    expect(await store.messages.count('chat:big')).toBe(100_000);
    const started = performance.now();
    const tail = await store.messages.tail('chat:big', { limit: 20 });
    const page = await store.messages.tail('chat:big', { limit: 20, beforeSeq: 50_000 });
    const elapsed = performance.now() - started;
    expect(tail.map((message) => message.seq)).toEqual(Array.from({ length: 20 }, (_, index) => 99_981 + index));
    expect(page[19]?.content).toBe('message 49999');
    expect(elapsed).toBeLessThan(50);
  }, 30_000);
});
