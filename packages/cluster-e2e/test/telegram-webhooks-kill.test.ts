import { FakeTelegram } from '@downcity/channel-telegram/test';
import { createTestDatabase, type TestDatabase } from '@downcity/testing/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageText, privateTextUpdate } from './telegram-updates.js';
import { WorkerProcess } from './worker-processes.js';

const TOKEN = '4242:cluster-test-token';
const SECRET = 'cluster_webhook_secret';
const SESSIONS = 50;
const MESSAGES = 10;
const KILLS = 10;
const WORKERS = 3;
const FIRST_USER = 910_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 14's cluster check: 3 worker processes on one PostgreSQL answer 50 sessions x 10 messages that arrive as
 * Telegram webhooks spread over all workers, while a random worker is killed with SIGKILL 10 times (and restarted
 * each time). Every update must be acknowledged, every message answered exactly once, in order per session.
 */
describe('three workers answering Telegram webhooks while workers are killed', () => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let workers: WorkerProcess[];

  beforeAll(async () => {
    db = await createTestDatabase();
    fake = await FakeTelegram.start({ token: TOKEN });
    const env = { DATABASE_URL: db.url, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook', WEBHOOK_SECRET: SECRET, MODEL_DELAY_MS: '50', CONCURRENCY: '10' };
    workers = Array.from({ length: WORKERS }, (_, index) => new WorkerProcess(`worker-${index + 1}`, env));
    // The first worker migrates the database; the others then start together.
    await workers[0]?.start();
    await Promise.all(workers.slice(1).map((worker) => worker.start()));
  });

  afterAll(async () => {
    await Promise.all((workers ?? []).map((worker) => worker.stop()));
    await fake?.close();
    await db?.drop();
  });

  it('answers every message once, in order per session, with 10 SIGKILLs', async () => {
    const acknowledged = new Map<number, number>();
    let refused = 0;
    let redelivered = 0;
    let nextWorker = 0;

    /** Posts an update like Telegram: to some worker (round robin over the live ones), again on any failure, until one answers 200. */
    const deliver = async (update: Record<string, unknown>): Promise<void> => {
      for (;;) {
        const live = workers.filter((worker) => worker.ready?.port);
        const worker = live[nextWorker++ % Math.max(live.length, 1)];
        if (worker?.ready?.port) {
          try {
            const response = await fetch(`http://127.0.0.1:${worker.ready.port}/telegram/webhook`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
              body: JSON.stringify(update),
              signal: AbortSignal.timeout(10_000),
            });
            if (response.status === 200) return;
            refused++;
          } catch {
            refused++; // the worker died under the request: Telegram tries again
          }
        }
        await sleep(50);
      }
    };

    let updateId = 1;
    const sessions = Array.from({ length: SESSIONS }, (_, session) => async () => {
      for (let k = 0; k < MESSAGES; k++) {
        const update = privateTextUpdate({ updateId: updateId++, messageId: k + 1, userId: FIRST_USER + session, text: messageText(session, k) });
        await deliver(update);
        acknowledged.set(update.update_id as number, (acknowledged.get(update.update_id as number) ?? 0) + 1);
        // Telegram delivers an update again when it did not see the answer: every 7th goes twice, to another worker.
        if ((update.update_id as number) % 7 === 0) {
          await deliver(update);
          redelivered++;
        }
        await sleep(20 + Math.floor(Math.random() * 80));
      }
    });

    const killer = async (): Promise<string[]> => {
      const killed: string[] = [];
      for (let kill = 0; kill < KILLS; kill++) {
        await sleep(500 + Math.floor(Math.random() * 700));
        const running = workers.filter((worker) => worker.ready !== undefined);
        const victim = running[Math.floor(Math.random() * running.length)] as WorkerProcess;
        await victim.kill('SIGKILL');
        killed.push(victim.name);
        await victim.start();
      }
      return killed;
    };

    const [killed] = await Promise.all([killer(), Promise.all(sessions.map((run) => run()))]);
    expect(killed).toHaveLength(KILLS);

    const expected = SESSIONS * MESSAGES;
    const replies = () => fake.sent.filter((sent) => Number(sent.chatId) >= FIRST_USER);
    await fake.waitFor(() => replies().length >= expected, 180_000);
    // Anything sent twice would arrive shortly after the last reply: give it time to show.
    await sleep(3_000);

    // Every update was acknowledged (a 200 from some worker), and a redelivered one was acknowledged again without a second reply.
    expect(acknowledged.size).toBe(expected);
    expect(redelivered).toBeGreaterThan(0);
    const all = replies();
    expect(all).toHaveLength(expected);
    for (let session = 0; session < SESSIONS; session++) {
      const texts = all.filter((sent) => Number(sent.chatId) === FIRST_USER + session).map((sent) => sent.text ?? '');
      const order = texts.map((text) => Number(/message (\d+)/.exec(text)?.[1] ?? -1));
      expect(order, `session ${session}: ${JSON.stringify(texts)}`).toEqual(Array.from({ length: MESSAGES }, (_, k) => k));
      for (const [k, text] of texts.entries()) expect(text).toContain(messageText(session, k));
    }
    // Every worker process took part: the first three plus one restart per kill.
    expect(workers.reduce((total, worker) => total + worker.starts, 0)).toBe(WORKERS + KILLS);
    console.log(JSON.stringify({ messages: expected, replies: all.length, kills: KILLS, refusedDeliveries: refused, redelivered }));
  });
});
