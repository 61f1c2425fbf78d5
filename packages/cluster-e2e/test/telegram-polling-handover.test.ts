import { FakeTelegram } from '@downcity/channel-telegram/test';
import { createTestDatabase, type TestDatabase } from '@downcity/testing/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageText, privateTextUpdate } from './telegram-updates.js';
import { WorkerProcess } from './worker-processes.js';

const TOKEN = '4343:polling-cluster-token';
const HOLDS = 'channel connected on this worker (it holds the connection lease)';
const USERS = 5;
const FIRST_USER = 920_000;

/** Which workers logged that they took the polling connection, in order. */
const holders = (workers: WorkerProcess[]): string[] =>
  workers
    .flatMap((worker) => worker.logs)
    .filter((line) => line.msg === HOLDS)
    .map((line) => String(line.worker));

/**
 * Long polling is one connection per bot: in a cluster exactly one worker polls, and when it dies another takes
 * over within seconds. Updates the dead holder fetched but never confirmed are fetched again (the `getUpdates`
 * offset), so none is lost or answered twice.
 */
describe('three workers sharing one Telegram bot by long polling', () => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let workers: WorkerProcess[];

  beforeAll(async () => {
    db = await createTestDatabase();
    fake = await FakeTelegram.start({ token: TOKEN });
    const env = { DATABASE_URL: db.url, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_TOKEN: TOKEN, TELEGRAM_MODE: 'polling', MODEL_DELAY_MS: '20' };
    workers = Array.from({ length: 3 }, (_, index) => new WorkerProcess(`worker-${index + 1}`, env));
    await workers[0]?.start();
    await Promise.all(workers.slice(1).map((worker) => worker.start()));
  });

  afterAll(async () => {
    await Promise.all((workers ?? []).map((worker) => worker.stop()));
    await fake?.close();
    await db?.drop();
  });

  it('polls from exactly one worker, hands over when it dies, and answers every update once', async () => {
    const replies = () => fake.sent.filter((sent) => Number(sent.chatId) >= FIRST_USER);
    let updateId = 1;
    const push = (round: number) => {
      for (let user = 0; user < USERS; user++) {
        fake.pushUpdate(privateTextUpdate({ updateId: updateId++, messageId: round + 1, userId: FIRST_USER + user, text: messageText(user, round) }));
      }
    };

    push(0);
    await fake.waitFor(() => replies().length >= USERS, 60_000);
    expect(holders(workers)).toHaveLength(1);
    const first = holders(workers)[0] as string;

    // The holder dies with updates waiting: another worker must take the connection over and answer them.
    await workers.find((worker) => worker.name === first)?.kill('SIGKILL');
    push(1);
    await fake.waitFor(() => replies().length >= USERS * 2, 60_000);
    const afterKill = holders(workers);
    expect(afterKill).toHaveLength(2);
    expect(afterKill[1]).not.toBe(first);

    // The killed worker comes back as a standby: it does not poll while the new holder lives.
    await workers.find((worker) => worker.name === first)?.start();
    push(2);
    await fake.waitFor(() => replies().length >= USERS * 3, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(holders(workers)).toHaveLength(2);

    const all = replies();
    expect(all).toHaveLength(USERS * 3);
    for (let user = 0; user < USERS; user++) {
      const texts = all.filter((sent) => Number(sent.chatId) === FIRST_USER + user).map((sent) => sent.text ?? '');
      expect(texts.map((text) => Number(/message (\d+)/.exec(text)?.[1]))).toEqual([0, 1, 2]);
    }
    // Every update was confirmed: the fake has none left to hand out.
    expect(fake.pendingUpdateIds()).toEqual([]);
  });
});
