import type { ClusterJob, Collection, JsonObject, PackageCluster, PackageStorage } from '@downcity/core';
import type { InboxEntry, InboxStatus } from './inbox-entry.js';

/** The chat service's collection of inbound messages. */
const INBOX_COLLECTION = 'inbox';

/** How many unfinished entries one recovery pass loads per status. */
const RECOVERY_BATCH = 10_000;

/** Drops `undefined` fields so the stored document is the same in every store (a shallow copy; nested parts never hold `undefined`). */
function toJson(entry: InboxEntry): JsonObject {
  const json: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) if (value !== undefined) json[key] = value;
  return json as JsonObject;
}

/** The durable record of inbound messages (`chat:inbox`): stored before the platform is acknowledged. */
export class Inbox {
  readonly #collection: Collection<JsonObject>;

  /** Opens the inbox in the chat service's storage. */
  constructor(storage: PackageStorage) {
    this.#collection = storage.collection(INBOX_COLLECTION);
  }

  /** Stores a new entry; `false` when one with this id exists (a duplicate delivery). */
  insert(id: string, entry: InboxEntry): Promise<boolean> {
    return this.#collection.insert(id, toJson(entry));
  }

  /**
   * Stores a new entry and adds its turn job in one transaction (in a cluster); `false` when one with this id
   * exists (a duplicate delivery, to this worker or any other): then no job is added either.
   */
  insertAndEnqueue(cluster: PackageCluster, id: string, entry: InboxEntry, job: ClusterJob): Promise<boolean> {
    return cluster.insertAndEnqueue({ collection: INBOX_COLLECTION, id, value: toJson(entry) }, job);
  }

  /** The entry, or `undefined`. */
  async get(id: string): Promise<InboxEntry | undefined> {
    return (await this.#collection.get(id)) as InboxEntry | undefined;
  }

  /** Replaces the entry, stamping `updatedAt`. */
  save(id: string, entry: InboxEntry): Promise<void> {
    entry.updatedAt = Date.now();
    return this.#collection.put(id, toJson(entry));
  }

  /** Deletes the entry. */
  async delete(id: string): Promise<void> {
    await this.#collection.delete(id);
  }

  /** The oldest entries by arrival, at most `limit`. */
  async oldest(limit: number): Promise<{ id: string; entry: InboxEntry }[]> {
    const entries = await this.#collection.list({ orderBy: { field: 'receivedAt' }, limit });
    return entries.map(({ id, value }) => ({ id, entry: value as unknown as InboxEntry }));
  }

  /** Unfinished entries (pending or processing), oldest first. */
  async unfinished(): Promise<{ id: string; entry: InboxEntry }[]> {
    const load = (status: InboxStatus) =>
      this.#collection.list({ where: { status }, orderBy: { field: 'receivedAt' }, limit: RECOVERY_BATCH });
    const entries = [...(await load('pending')), ...(await load('processing'))].map(({ id, value }) => ({ id, entry: value as unknown as InboxEntry }));
    return entries.sort((a, b) => a.entry.receivedAt - b.entry.receivedAt || (a.id < b.id ? -1 : 1));
  }
}
