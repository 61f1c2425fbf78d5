import type { JsonValue, Logger } from '@downcity/core';
import type { PostgresStore } from '@downcity/store-postgres';
import type pg from 'pg';
import { type WatchedClient, watchClient } from './dedicated-client.js';
import { checkText, jsonText } from './input-checks.js';
import { type ClusterNames, quoteIdentifier } from './names.js';
import { sleep } from './sleep.js';

/**
 * The largest notification payload sent as is, in bytes. PostgreSQL refuses payloads of 8000 bytes or more;
 * larger messages are stored in `downcity_events` and the notification carries the row's id.
 */
export const MAX_INLINE_BYTES = 7000;
/** How long a stored large message is kept for listeners to read it. */
const KEEP_STORED = "interval '1 minute'";

/** What {@link createEvents} needs. */
export interface EventsOptions {
  /** The opened store whose database the cluster shares. */
  store: PostgresStore;
  /** The cluster's names. */
  names: ClusterNames;
  /** The pause before a lost listening connection is connected again. */
  reconnectMs: number;
  /** Where delivery troubles are logged. */
  logger: Logger;
}

/** Publish/subscribe over `LISTEN`/`NOTIFY`, from {@link createEvents}. */
export interface Events {
  /** Sends `message` to every subscriber of `topic` on every worker; one publish after the other. */
  publish(topic: string, message: JsonValue): Promise<void>;
  /** Calls `listener` with each message on `topic` until the returned function is called. */
  subscribe(topic: string, listener: (message: JsonValue) => void): Promise<() => Promise<void>>;
  /** Deletes stored large messages older than a minute. */
  prune(): Promise<void>;
  /** Stops listening and ends the listening connection. */
  close(): Promise<void>;
}

/** A notification's payload: the message itself, or the id of the row holding it. */
type Envelope = { topic: string; message: JsonValue } | { topic: string; ref: string };

/**
 * Publish/subscribe for one cluster: every message goes out on one channel, `<schema>_events`, as
 * `{ topic, message }` (or `{ topic, ref }` for a message over {@link MAX_INLINE_BYTES}, stored in
 * `downcity_events` in the same statement and read by each listener). One dedicated connection per worker
 * `LISTEN`s, started by the first subscription and connected again when it breaks (messages sent meanwhile
 * are missed: delivery is best effort). Notifications are handled one at a time, so a worker's listeners see
 * a publisher's messages in publish order, large ones included.
 *
 * @param options - see {@link EventsOptions}
 */
export function createEvents(options: EventsOptions): Events {
  const { store, names, logger } = options;
  const listeners = new Map<string, Set<(message: JsonValue) => void>>();
  let publishing: Promise<void> = Promise.resolve();
  let delivering: Promise<void> = Promise.resolve();
  let listening: Promise<{ client: pg.Client; watch: WatchedClient }> | undefined;
  let closed = false;

  const deliver = async (payload: string): Promise<void> => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      logger.warn({ channel: names.channel }, 'Ignored a notification that is not JSON');
      return;
    }
    const subscribed = listeners.get(envelope.topic);
    if (subscribed === undefined || subscribed.size === 0) return;
    let message: JsonValue;
    if ('ref' in envelope) {
      const { rows } = await store.pool.query<{ message: JsonValue }>(`SELECT message FROM ${names.events} WHERE id = $1`, [envelope.ref]);
      if (rows[0] === undefined) {
        logger.warn({ topic: envelope.topic }, 'A large message was pruned before it could be read; it is lost');
        return;
      }
      message = rows[0].message;
    } else {
      message = envelope.message;
    }
    // A snapshot: a listener may subscribe or unsubscribe others while it runs.
    for (const listener of Array.from(subscribed)) {
      try {
        listener(message);
      } catch (error) {
        logger.error({ topic: envelope.topic, error: (error as Error).message }, 'A subscriber threw; the others still got the message');
      }
    }
  };

  const onNotification = (notification: pg.Notification): void => {
    if (notification.channel !== names.channel || notification.payload === undefined) return;
    const payload = notification.payload;
    delivering = delivering
      .then(() => deliver(payload))
      .catch((error: unknown) => logger.warn({ error: store.describeError(error, 'read a published message').message }, 'Could not deliver a message'));
  };

  const connect = async (): Promise<{ client: pg.Client; watch: WatchedClient }> => {
    const client = await store.connect('listen for published messages');
    const watch = watchClient(client);
    try {
      client.on('notification', onNotification);
      await client.query(`LISTEN ${quoteIdentifier(names.channel)}`);
    } catch (error) {
      await watch.end();
      throw store.describeError(error, 'listen for published messages');
    }
    void watch.broken.then((error) => {
      if (closed) return;
      logger.warn({ error: store.describeError(error, 'keep listening').message }, 'The listening connection broke; messages sent until it is back are missed');
      listening = reconnect();
      listening.catch(() => undefined);
    });
    return { client, watch };
  };

  const reconnect = async (): Promise<{ client: pg.Client; watch: WatchedClient }> => {
    for (;;) {
      await sleep(options.reconnectMs);
      if (closed) throw new Error('closed');
      try {
        return await connect();
      } catch (error) {
        logger.warn({ error: (error as Error).message }, 'Could not listen again; retrying');
      }
    }
  };

  return {
    async publish(topic, message) {
      // Everything up to the chaining runs synchronously, so publishes queue in the order they were called.
      checkText(topic, 'A topic');
      const messageText = jsonText(message, `The message published on ${topic}`);
      const text = `{"topic":${JSON.stringify(topic)},"message":${messageText}}`;
      const send = async (): Promise<void> => {
        if (Buffer.byteLength(text) <= MAX_INLINE_BYTES) {
          await store.pool.query('SELECT pg_notify($1, $2)', [names.channel, text]);
          return;
        }
        await store.pool.query(
          `WITH stored AS (INSERT INTO ${names.events} (topic, message) VALUES ($2, $3::json) RETURNING id)
           SELECT pg_notify($1, json_build_object('topic', $2::text, 'ref', stored.id::text)::text) FROM stored`,
          [names.channel, topic, messageText],
        );
      };
      const sent = publishing.then(send);
      publishing = sent.catch(() => undefined);
      return sent.catch((error: unknown) => {
        throw store.describeError(error, `publish on ${topic}`);
      });
    },
    async subscribe(topic, listener) {
      checkText(topic, 'A topic');
      if (listening === undefined) {
        listening = connect();
        listening.catch(() => {
          listening = undefined;
        });
      }
      await listening;
      let subscribed = listeners.get(topic);
      if (subscribed === undefined) {
        subscribed = new Set();
        listeners.set(topic, subscribed);
      }
      // The same function may subscribe twice; each subscription is removed on its own.
      const own = (message: JsonValue): void => listener(message);
      subscribed.add(own);
      return async () => {
        subscribed.delete(own);
        if (subscribed.size === 0 && listeners.get(topic) === subscribed) listeners.delete(topic);
      };
    },
    async prune() {
      await store.pool.query(`DELETE FROM ${names.events} WHERE created_at < now() - ${KEEP_STORED}`);
    },
    async close() {
      closed = true;
      const current = await listening?.catch(() => undefined);
      listening = undefined;
      await current?.watch.end();
      await delivering;
      listeners.clear();
    },
  };
}
