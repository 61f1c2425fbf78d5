// Cluster throughput (issue 14): N worker processes on one PostgreSQL answer Telegram webhooks for 200 sessions
// with a model that takes 50 ms per call, each worker running at most 10 turns at once. Prints turns/s and
// end-to-end p50/p99 (webhook POST to the reply reaching the fake Bot API) for 1, 2 and 4 workers, and the queue's
// own overhead per turn (job runnable to job started, on an unsaturated worker), p50/p99.
//
// Needs DOWNCITY_TEST_DATABASE_URL (`pnpm bench` runs it through scripts/test-postgres.sh, which provides one).
// Run: node bench/cluster-throughput.ts [--sessions 200] [--messages 5] [--workers 1,2,4]
import { FakeTelegram } from '@downcity/channel-telegram/test';
import { createTestDatabase } from '@downcity/testing/postgres';
import { privateTextUpdate } from '../test/telegram-updates.ts';
import { WorkerProcess } from '../test/worker-processes.ts';

const argument = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
};
const SESSIONS = Number(argument('sessions', '200'));
const MESSAGES = Number(argument('messages', '5'));
const WORKER_COUNTS = argument('workers', '1,2,4').split(',').map(Number);
const TOKEN = '4545:bench-token';
const SECRET = 'bench_webhook_secret';
const FIRST_USER = 930_000;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** Resolves a waiter when the fake Bot API receives the next reply to a chat. */
function replyWatcher(fake: FakeTelegram) {
  const waiting = new Map<string, (() => void)[]>();
  let seen = 0;
  const timer = setInterval(() => {
    for (; seen < fake.sent.length; seen++) {
      const chatId = fake.sent[seen]?.chatId as string;
      waiting.get(chatId)?.shift()?.();
    }
  }, 1);
  return {
    next: (chatId: string) => new Promise<void>((resolve) => waiting.set(chatId, [...(waiting.get(chatId) ?? []), resolve])),
    close: () => clearInterval(timer),
  };
}

async function run(workerCount: number, options: { sessions: number; messages: number; reportQueue: boolean }) {
  const db = await createTestDatabase();
  const fake = await FakeTelegram.start({ token: TOKEN });
  const env = {
    DATABASE_URL: db.url,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_TOKEN: TOKEN,
    TELEGRAM_MODE: 'webhook',
    WEBHOOK_SECRET: SECRET,
    MODEL_DELAY_MS: '50',
    CONCURRENCY: '10',
    REPORT_QUEUE_DELAY: options.reportQueue ? '1' : '0',
    DOWNCITY_LOG_LEVEL: 'warn',
  };
  const workers = Array.from({ length: workerCount }, (_, index) => new WorkerProcess(`worker-${index + 1}`, env));
  const watcher = replyWatcher(fake);
  try {
    await workers[0]?.start();
    await Promise.all(workers.slice(1).map((worker) => worker.start()));
    const ports = workers.map((worker) => worker.ready?.port as number);
    const latencies: number[] = [];
    let updateId = 1;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.sessions }, async (_, session) => {
        const userId = FIRST_USER + session;
        for (let k = 0; k < options.messages; k++) {
          const update = privateTextUpdate({ updateId: updateId++, messageId: k + 1, userId, text: `s${session} m${k}` });
          const sentAt = performance.now();
          const replied = watcher.next(String(userId));
          const response = await fetch(`http://127.0.0.1:${ports[next++ % ports.length]}/telegram/webhook`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
            body: JSON.stringify(update),
          });
          if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
          await replied;
          latencies.push(performance.now() - sentAt);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(workers.map((worker) => worker.stop()));
    const queueDelays = workers.flatMap((worker) => {
      const match = /QUEUE_DELAYS (\[.*\])/.exec(worker.stdout);
      return match ? (JSON.parse(match[1] as string) as number[]) : [];
    });
    return { turns: latencies.length, seconds, latencies, queueDelays };
  } finally {
    watcher.close();
    await Promise.all(workers.map((worker) => worker.stop()));
    await fake.close();
    await db.drop();
  }
}

const format = (value: number): string => value.toFixed(1);
const results: Record<number, number> = {};
for (const count of WORKER_COUNTS) {
  const result = await run(count, { sessions: SESSIONS, messages: MESSAGES, reportQueue: false });
  const throughput = result.turns / result.seconds;
  results[count] = throughput;
  console.log(
    `cluster ${count} worker(s), ${SESSIONS} sessions x ${MESSAGES} messages, model 50 ms, 10 turns/worker: ${format(throughput)} turns/s, ` +
      `end-to-end p50 ${format(percentile(result.latencies, 50))} ms, p99 ${format(percentile(result.latencies, 99))} ms`,
  );
}
const overhead = await run(1, { sessions: 5, messages: 40, reportQueue: true });
const p50 = percentile(overhead.queueDelays, 50);
console.log(`queue overhead per turn (job runnable to started, 1 worker, 5 sessions): p50 ${format(p50)} ms, p99 ${format(percentile(overhead.queueDelays, 99))} ms over ${overhead.queueDelays.length} turns`);
const one = results[1];
const four = results[4];
if (one !== undefined && four !== undefined) {
  const ratio = four / one;
  console.log(`target ${ratio >= 3 ? 'met   ' : 'MISSED'} 4 workers >= 3x one worker (${ratio.toFixed(2)}x)`);
}
console.log(`target ${p50 < 10 ? 'met   ' : 'MISSED'} queue overhead p50 < 10 ms`);
