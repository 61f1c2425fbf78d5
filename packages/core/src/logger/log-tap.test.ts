import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAgent, createLogger, defineService, LogRing, secret, type ExecutionContext, type LogRecord } from '../index.js';
import { testService } from '../../test/fixtures.js';

/** A pino logger writing into an array, so a test can compare the tail with the real output. */
function capturedLogger() {
  const written: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  });
  return { written, logger: createLogger({ level: 'debug', destination }) };
}

/** A service whose manifest asks to read logs, with a secret in its config. */
const readerService = defineService({
  package: { name: 'test-reader', version: '1.0.0', downcity: { kind: 'service', id: 'reader', permissions: { logs: true } } },
  config: z.object({ apiKey: secret() }),
  setup: (context) => {
    seen.reader = context;
    return {};
  },
});
const seen: { reader?: ExecutionContext; other?: ExecutionContext } = {};
const otherService = testService({ id: 'other' }, (context) => {
  seen.other = context;
  return {};
});

describe('the log tap', () => {
  it('gives the logs only to a package that asks, redacted like the output, bounded, with a live feed', async () => {
    const apiKey = 'sk-live-4f9a8b7c6d5e';
    const { written, logger } = capturedLogger();
    await using agent = createAgent({ logger, logTapCapacity: 3, services: [readerService, otherService], config: { services: { reader: { apiKey } } } });
    await agent.start();
    const logs = seen.reader?.logs;
    if (!logs) throw new Error('the reader did not get the log tap');
    expect(seen.other?.logs).toBeUndefined();
    expect(logs).toMatchObject({ capacity: 3, minLevel: 'debug' });

    const live: LogRecord[] = [];
    const stop = logs.subscribe((record) => live.push(record));
    seen.other?.logger.child({ channel: 'http' }).warn({ token: 'plain-token-value', detail: `calling with ${apiKey}` }, `key ${apiKey} refused`);
    seen.other?.logger.error({ err: new Error(`bad key ${apiKey}`) }, 'failed');
    seen.other?.logger.trace('below the level: not kept');
    const [warned, failed] = live;
    expect(warned).toMatchObject({
      level: 'warn',
      message: 'key [redacted] refused',
      fields: { agent: 'downcity', package: 'other', channel: 'http', token: '[redacted]', detail: 'calling with [redacted]' },
    });
    expect(failed).toMatchObject({ level: 'error', message: 'failed', fields: { err: { type: 'Error', message: 'bad key [redacted]' } } });
    expect(JSON.stringify(logs.recent())).not.toContain(apiKey);
    // The output itself is redacted the same way.
    expect(written.join('')).not.toContain(apiKey);
    expect(written.join('')).toContain('key [redacted] refused');

    // Bounded: only the newest `capacity` lines; filters by level and by seq.
    for (const n of [1, 2, 3]) seen.other?.logger.info(`line ${n}`);
    expect(logs.recent().map((record) => record.message)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(logs.recent({ minLevel: 'warn' })).toEqual([]);
    const [first] = logs.recent();
    expect(logs.recent({ afterSeq: first?.seq, limit: 1 }).map((record) => record.message)).toEqual(['line 3']);
    stop();
    seen.other?.logger.info('after stop');
    expect(live.map((record) => record.message)).not.toContain('after stop');
  });

  it('records nothing while no loaded package reads logs', () => {
    const ring = new LogRing({ capacity: 5 });
    ring.record('error', {}, 'unread');
    expect(ring.recent()).toEqual([]);
    ring.enabled = true;
    ring.record('error', { package: 'x' }, { password: 'hunter2!' }, 'read');
    expect(ring.recent()).toEqual([expect.objectContaining({ seq: 1, message: 'read', fields: { package: 'x', password: '[redacted]' } })]);
  });
});
