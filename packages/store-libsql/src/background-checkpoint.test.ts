import { copyFileSync, existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { createLibsqlStore } from './libsql-store.js';

const folders: string[] = [];
async function databaseFile(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'downcity-checkpoint-'));
  folders.push(folder);
  return path.join(folder, 'agent.db');
}

const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting until ${what}`);
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('WAL checkpoints in the background', () => {
  it('copies committed writes into the database file while the store is open and idle', async () => {
    const file = await databaseFile();
    const store = createLibsqlStore({ path: file });
    await store.open();
    await store.sessions.ensure({ id: 'chat:c', kind: 'chat' });
    const before = sizeOf(file);
    // About 500 pages of WAL: below SQLite's in-line threshold (1,000 pages), so the writer itself never
    // checkpoints them; only the background worker can move them into the file.
    const text = 'x'.repeat(3_900);
    for (let batch = 0; batch < 5; batch++) {
      await store.messages.append('chat:c', Array.from({ length: 100 }, () => ({ role: 'user' as const, content: text })));
    }
    await until(() => sizeOf(file) > before + 1_500_000, 'the database file holds the appended messages');
    expect(await store.messages.count('chat:c')).toBe(500);
    await store.close();
  });

  it('leaves a closed database whole: the .db file copied alone holds every row', async () => {
    const file = await databaseFile();
    const store = createLibsqlStore({ path: file });
    await store.open();
    await store.sessions.ensure({ id: 'chat:d', kind: 'chat' });
    await store.messages.append('chat:d', [{ role: 'user', content: 'kept' }]);
    await store.close();
    const copy = path.join(path.dirname(file), 'copy.db');
    copyFileSync(file, copy);
    const reader = new Database(copy, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM messages').get()).toMatchObject({ n: 1 });
    reader.close();
  });

  it('closes and reopens the same file repeatedly, each time with its own worker, losing nothing', async () => {
    const file = await databaseFile();
    for (let round = 0; round < 5; round++) {
      const store = createLibsqlStore({ path: file });
      await store.open();
      await store.sessions.ensure({ id: 'chat:e', kind: 'chat' });
      await store.messages.append('chat:e', [{ role: 'user', content: `round ${round}` }]);
      await store.close();
    }
    const store = createLibsqlStore({ path: file });
    await store.open();
    expect(await store.messages.count('chat:e')).toBe(5);
    await store.close();
  });
});
