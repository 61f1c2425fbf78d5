import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createLibsqlStore } from './libsql-store.js';

const distEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

// The child appends batches of 500 messages forever, printing the number of each committed batch.
const childScript = `
const { createLibsqlStore } = await import(process.argv[1]);
const store = createLibsqlStore({ path: process.argv[2] });
await store.open();
await store.sessions.ensure({ id: 'chat:kill', kind: 'chat' });
for (let batch = 1; ; batch++) {
  const messages = Array.from({ length: 500 }, (_, index) => ({ role: 'user', content: 'batch ' + batch + ' message ' + index, metadata: { batch } }));
  await store.batch([{ type: 'message.append', sessionId: 'chat:kill', messages }, { type: 'collection.put', collection: 'progress', id: 'last', value: { batch } }]);
  process.stdout.write('committed ' + batch + '\\n');
}
`;

describe('a process killed mid-write', () => {
  const folders: string[] = [];
  afterEach(async () => {
    await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('leaves every batch either fully stored or not at all', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'downcity-kill-'));
    folders.push(folder);
    const databasePath = path.join(folder, 'kill.db');
    const child = spawn(process.execPath, ['--input-type=module', '-e', childScript, distEntry, databasePath], { stdio: ['ignore', 'pipe', 'inherit'] });
    let committed = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const numbers = String(chunk).match(/committed (\d+)/g) ?? [];
        for (const line of numbers) committed = Math.max(committed, Number(line.split(' ')[1]));
        if (committed >= 8) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited early with ${code}`))));
    });
    await new Promise((resolve) => child.once('exit', resolve).once('close', resolve));

    const store = createLibsqlStore({ path: databasePath });
    await store.open();
    try {
      const count = await store.messages.count('chat:kill');
      const session = await store.sessions.get('chat:kill');
      const progress = await store.collection<{ batch: number }>('progress').get('last');
      // Whole batches only: the message count is a multiple of the batch size, agrees with the
      // session's last seq and with the collection write made in the same batch.
      expect(count % 500).toBe(0);
      expect(count / 500).toBeGreaterThanOrEqual(committed);
      expect(session?.lastSeq).toBe(count);
      expect(progress?.batch).toBe(count / 500);
      const last = await store.messages.tail('chat:kill', { limit: 1 });
      expect(last[0]?.content).toBe(`batch ${count / 500} message 499`);
    } finally {
      await store.close();
    }
  }, 60_000);
});
