import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresStore, inspectPostgresStore, storeErrorCodes } from '../src/index.js';
import { migrations } from '../src/migrations.js';
import { closedPort } from '@downcity/testing';
import { createTestDatabase } from '@downcity/testing/postgres';

const database = await createTestDatabase();
afterAll(() => database.drop());

/** The error `promise` rejects with; fails when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error & { code?: string },
  );
}


describe('inspectPostgresStore', () => {
  it('reports the server version and that a new schema has no migration yet, creating nothing', async () => {
    const schema = database.schema();
    const report = await inspectPostgresStore({ connectionString: database.url, schema });
    expect(report).toMatchObject({ schema, appliedVersion: 0, latestVersion: migrations.at(-1)?.version });
    expect(report.serverVersion).toMatch(/^\d+\.\d+/);
    expect(report.target).not.toContain(new URL(database.url).password);
    // Still nothing there: a second look finds the same.
    expect((await inspectPostgresStore({ connectionString: database.url, schema })).appliedVersion).toBe(0);
  });

  it('reports the applied migration once the store was opened', async () => {
    const schema = database.schema();
    const store = createPostgresStore({ connectionString: database.url, schema });
    await store.open();
    await store.close();
    const report = await inspectPostgresStore({ connectionString: database.url, schema });
    expect(report.appliedVersion).toBe(report.latestVersion);
  });

  it('fails clearly, without the password, for a wrong password and for a port nothing listens on', async () => {
    const wrong = new URL(database.url);
    wrong.password = 'not-the-password-4711';
    const denied = await rejection(inspectPostgresStore({ connectionString: wrong.toString() }));
    expect(denied.code).toBe(storeErrorCodes.authFailed);
    expect(denied.message).toContain('Check the user name and password');
    expect(denied.message).not.toContain('not-the-password-4711');

    const unreachable = new URL(database.url);
    unreachable.port = String(await closedPort());
    const refused = await rejection(inspectPostgresStore({ connectionString: unreachable.toString() }));
    expect(refused.code).toBe(storeErrorCodes.unreachable);
    expect(refused.message).not.toContain(new URL(database.url).password);
  });
});
