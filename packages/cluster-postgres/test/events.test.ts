import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '@downcity/core';
import { createTestDatabase } from '@downcity/testing/postgres';
import { closeWorkers, eventually, openWorkers } from './workers.js';

const database = await createTestDatabase();
afterAll(() => database.drop());
afterEach(() => closeWorkers());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('postgres cluster pub/sub', () => {
  it('delivers small and 20 KB messages from one worker to another, in publish order', async () => {
    const [listener, publisher] = await openWorkers(database, 2);
    const received: JsonValue[] = [];
    await listener!.cluster.subscribe('chat/reply', (message) => received.push(message));
    const big = (n: number) => ({ n, text: `${n}:`.padEnd(20_000, 'x') });
    const sent: JsonValue[] = [{ n: 1 }, big(2), { n: 3 }, big(4), big(5), { n: 6, text: 'ünïcødé ✓' }];
    // Not awaited one by one: the publisher keeps the order itself.
    await Promise.all(sent.map((message) => publisher!.cluster.publish('chat/reply', message)));
    await eventually('every message', () => received.length === sent.length);
    expect(received).toEqual(sent);
  });

  it('delivers to every subscriber of the topic, the publisher included, and to no other topic', async () => {
    const [first, second] = await openWorkers(database, 2);
    const seen: string[] = [];
    await first!.cluster.subscribe('chat/typing', (message) => seen.push(`first ${JSON.stringify(message)}`));
    await second!.cluster.subscribe('chat/typing', (message) => seen.push(`second ${JSON.stringify(message)}`));
    await second!.cluster.subscribe('chat/other', (message) => seen.push(`other ${JSON.stringify(message)}`));
    await first!.cluster.publish('chat/typing', 'on');
    await eventually('both subscribers', () => seen.length === 2);
    await pause(200);
    expect(seen.sort()).toEqual(['first "on"', 'second "on"']);
  });

  it('stops delivering after unsubscribe', async () => {
    const [worker] = await openWorkers(database, 1);
    const seen: JsonValue[] = [];
    const unsubscribe = await worker!.cluster.subscribe('t', (message) => seen.push(message));
    await worker!.cluster.publish('t', 1);
    await eventually('the first message', () => seen.length === 1);
    await unsubscribe();
    await worker!.cluster.publish('t', 2);
    const marker: JsonValue[] = [];
    await worker!.cluster.subscribe('marker', (message) => marker.push(message));
    await worker!.cluster.publish('marker', 'after');
    await eventually('the marker, published after the second message', () => marker.length === 1);
    expect(seen).toEqual([1]);
  });

  it('listens again after its connection breaks', async () => {
    const [listener, publisher] = await openWorkers(database, 2);
    const seen: JsonValue[] = [];
    await listener!.cluster.subscribe('t', (message) => seen.push(message));
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const channel = `${listener!.store.schema}_worker_events`;
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
        [`LISTEN "${channel}"`],
      );
      expect(rows).toHaveLength(1);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    // Best effort: messages sent while it reconnects are lost, so publish until one arrives.
    await eventually('a message after the reconnect', async () => {
      await publisher!.cluster.publish('t', 'again');
      return seen.length > 0;
    });
    expect(seen[0]).toBe('again');
  });

  it('stores large messages only briefly', async () => {
    const [worker] = await openWorkers(database, 1);
    await worker!.cluster.publish('t', 'x'.repeat(10_000));
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const table = `"${worker!.store.schema}_worker".downcity_events`;
      expect((await admin.query(`SELECT id FROM ${table}`)).rows).toHaveLength(1);
      await admin.query(`UPDATE ${table} SET created_at = now() - interval '2 minutes'`);
      await eventually('the sweeper to prune it', async () => (await admin.query(`SELECT id FROM ${table}`)).rows.length === 0);
    } finally {
      await admin.end();
    }
  });

  it('refuses a message that is not JSON, naming the topic', async () => {
    const [worker] = await openWorkers(database, 1);
    await expect(worker!.cluster.publish('t', undefined as unknown as JsonValue)).rejects.toMatchObject({ code: 'CLUSTER_INVALID_INPUT' });
    await expect(worker!.cluster.publish('', 1)).rejects.toMatchObject({ code: 'CLUSTER_INVALID_INPUT' });
  });
});
