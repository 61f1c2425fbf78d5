import type { DeliveryResult, InboundMessage, InboundSink } from '@downcity/chat';
import { createLogger, type Logger } from '@downcity/core';
import { FeishuConfigSchema, type FeishuConfigInput } from '../config/feishu-config.js';
import { FeishuAdapter } from '../feishu-adapter.js';
import { startFakeFeishu, type FakeFeishu, type FakeFeishuOptions } from './fake-feishu.js';

/** A sink that records deliveries; `failNext` makes the next deliveries throw; `delayMs` slows them. */
export interface RecordingSink extends InboundSink {
  /** Messages delivered, in order. */
  readonly messages: InboundMessage[];
  /** Deliveries that throw before storing. */
  failNext: number;
  /** Delay before a delivery resolves. */
  delayMs: number;
  /** `performance.now()` when each delivery resolved. */
  readonly resolvedAt: number[];
}

/** Creates a {@link RecordingSink}. */
export function recordingSink(): RecordingSink {
  const sink: RecordingSink = {
    messages: [],
    failNext: 0,
    delayMs: 0,
    resolvedAt: [],
    async deliver(message): Promise<DeliveryResult> {
      if (sink.delayMs) await new Promise((resolve) => setTimeout(resolve, sink.delayMs));
      if (sink.failNext > 0) {
        sink.failNext -= 1;
        throw new Error('store unavailable');
      }
      sink.messages.push(message);
      sink.resolvedAt.push(performance.now());
      return { status: 'accepted' };
    },
  };
  return sink;
}

/** A logger whose JSON lines are kept in memory. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines };
}

/** A fake platform plus an adapter pointed at it. */
export interface Harness extends AsyncDisposable {
  /** The fake. */
  fake: FakeFeishu;
  /** The adapter (not connected yet). */
  adapter: FeishuAdapter;
  /** The sink to connect with. */
  sink: RecordingSink;
  /** Log lines written by the adapter. */
  lines: string[];
  /** Waits until `count` messages were delivered. */
  waitForMessages(count: number, timeoutMs?: number): Promise<InboundMessage[]>;
}

/** Starts a fake and creates an adapter for it; `config` overrides the defaults. */
export async function createHarness(config: Partial<FeishuConfigInput> = {}, fakeOptions: FakeFeishuOptions = {}): Promise<Harness> {
  const fake = await startFakeFeishu(fakeOptions);
  const { logger, lines } = memoryLogger();
  const parsed = FeishuConfigSchema.parse({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.baseUrl, ...config });
  const abort = new AbortController();
  const adapter = new FeishuAdapter({ config: parsed, logger, signal: abort.signal, dataDir: '/nonexistent', env: {} });
  const sink = recordingSink();
  return {
    fake,
    adapter,
    sink,
    lines,
    async waitForMessages(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (sink.messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${sink.messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return sink.messages;
    },
    async [Symbol.asyncDispose]() {
      abort.abort();
      await adapter.disconnect();
      await fake.close();
    },
  };
}
