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
    const acknowledged = new Set<number>();
    let refused = 0;
    let redelivered = 0;
    let nextWorker = 0;
    const replies = () => fake.sent.filter((sent) => Number(sent.chatId) >= FIRST_USER);
    const repliesTo = (userId: number) => fake.sent.filter((sent) => Number(sent.chatId) === userId).length;

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
    let sessionsDone = 0;
    // Each user waits for the answer (or 5 s: a reply a kill dropped never comes) before writing again, so the load lasts while workers are killed.
    const sessions = Array.from({ length: SESSIONS }, (_, session) => async () => {
      const userId = FIRST_USER + session;
      for (let k = 0; k < MESSAGES; k++) {
        const update = privateTextUpdate({ updateId: updateId++, messageId: k + 1, userId, text: messageText(session, k) });
        await deliver(update);
        acknowledged.add(update.update_id as number);
        // Telegram delivers an update again when it did not see the answer: every 7th goes twice, to another worker.
        if ((update.update_id as number) % 7 === 0) {
          await deliver(update);
          redelivered++;
        }
        const deadline = Date.now() + 5_000;
        while (repliesTo(userId) <= k && Date.now() < deadline) await sleep(20);
        await sleep(Math.floor(Math.random() * 200));
      }
      sessionsDone++;
    });

    const killed: string[] = [];
    const restarts: Promise<unknown>[] = [];
    const killer = async (): Promise<void> => {
      while (killed.length < KILLS && sessionsDone < SESSIONS) {
        await sleep(300 + Math.floor(Math.random() * 500));
        const running = workers.filter((worker) => worker.ready !== undefined);
        if (running.length < 2) continue; // keep one worker answering
        const victim = running[Math.floor(Math.random() * running.length)] as WorkerProcess;
        await victim.kill('SIGKILL');
        killed.push(victim.name);
        restarts.push(victim.start());
      }
    };

    const phaseStart = Date.now();
    await Promise.all([killer(), Promise.all(sessions.map((run) => run()))]);
    const deliveredInMs = Date.now() - phaseStart;
    await Promise.all(restarts);
    expect(killed).toHaveLength(KILLS);

    const expected = SESSIONS * MESSAGES;
    // Done when every stored message is finished (answered, with its reply sent or left in flight by a kill).
    const unfinished = async () =>
      Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM downcity.collections WHERE collection = 'chat:inbox' AND value ->> 'status' IN ('pending', 'processing')`))[0]?.n);
    for (const deadline = Date.now() + 120_000; Date.now() < deadline && (await unfinished()) > 0; ) await sleep(500);
    // Anything sent twice would arrive shortly after the last reply: give it time to show.
    await sleep(3_000);

    // Every update was acknowledged (a 200 from some worker); a redelivered one again, without a second reply.
    expect(acknowledged.size).toBe(expected);
    expect(redelivered).toBeGreaterThan(0);
    // The kills landed on turns in flight: other workers finished them.
    const retried = workers.flatMap((worker) => worker.logs).filter((line) => line.attempt !== undefined && String(line.msg).startsWith('answering a message whose earlier attempt'));
    expect(retried.length).toBeGreaterThan(0);

    // A chunk is sent at most once (decision 0005): one whose send a SIGKILL cut between "in flight" and the
    // platform's answer is never sent again, and the store says so. Every missing reply must be such a chunk.
    // Outbox keys of chunks left marked in flight (`sending`): sends a SIGKILL cut short, never repeated.
    const inFlight = (await db.query<{ id: string }>(`SELECT id FROM downcity.collections WHERE collection = 'chat:outbox' AND value ->> 'status' = 'sending'`)).map((row) => row.id);
    const all = replies();
    const missing: string[] = [];
    for (let session = 0; session < SESSIONS; session++) {
      const userId = FIRST_USER + session;
      const texts = all.filter((sent) => Number(sent.chatId) === userId).map((sent) => sent.text ?? '');
      const order = texts.map((text) => Number(/message (\d+)/.exec(text)?.[1] ?? -1));
      // In order, never twice.
      expect(order, `session ${session}: ${JSON.stringify(texts)}`).toEqual([...order].sort((a, b) => a - b));
      expect(new Set(order).size, `session ${session} got a reply twice: ${JSON.stringify(texts)}`).toBe(order.length);
      for (let k = 0; k < MESSAGES; k++) if (!order.includes(k)) missing.push(`${userId}:${k + 1}`);
    }
    for (const message of missing) expect(inFlight.some((key) => key.includes(`:${message}:`)), `reply to ${message} is missing and was not in flight`).toBe(true);
    expect(all.length + missing.length).toBe(expected);
    const problems = new Map<string, number>();
    for (const line of workers.flatMap((worker) => worker.logs)) if (Number(line.level) >= 40) problems.set(String(line.msg), (problems.get(String(line.msg)) ?? 0) + 1);
    console.log(JSON.stringify({ deliveredInMs, problems: Object.fromEntries(problems) }));
    console.log(JSON.stringify({ messages: expected, replies: all.length, lostInFlight: missing.length, kills: KILLS, retriedTurns: retried.length, refusedDeliveries: refused, redelivered }));
  });
});

