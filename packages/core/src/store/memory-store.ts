import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type {
  Collection,
  CollectionEntry,
  CollectionQuery,
  JsonObject,
  ListSessionsOptions,
  NewMessage,
  Scalar,
  SearchDocument,
  SearchHit,
  SessionRecord,
  Store,
  StoredMessage,
  WriteOperation,
} from './store.js';

/** Stored values are JSON by contract, and a JSON round trip copies them faster than structuredClone. */
const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** Deep-freezes a value so stored data can be handed out without copying. */
function freeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
}
const tokenize = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    dot += (a[index] ?? 0) * (b[index] ?? 0);
    normA += (a[index] ?? 0) ** 2;
    normB += (b[index] ?? 0) ** 2;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

function matches(value: JsonObject, where: Record<string, Scalar> | undefined): boolean {
  if (!where) return true;
  return Object.entries(where).every(([field, expected]) => (value[field] ?? null) === expected);
}

/**
 * An in-memory {@link Store} for tests and benchmarks. Nothing survives the process. Collection
 * values are copied on write and on read, like a real store. Messages are stored deep-frozen and
 * handed out without copying (prompt windows are read on every turn): treat them as read-only.
 */
export function createMemoryStore(): Store {
  const sessions = new Map<string, SessionRecord>();
  const messages = new Map<string, StoredMessage[]>();
  const collections = new Map<string, Map<string, JsonObject>>();
  const documents = new Map<string, Map<string, SearchDocument>>();
  let open = false;

  const requireOpen = (): void => {
    if (!open) throw new DowncityError(ErrorCodes.STORE_FAILED, 'The store is not open. Start the agent (or call store.open()) first.');
  };
  const requireSession = (id: string): SessionRecord => {
    const session = sessions.get(id);
    if (!session) throw new DowncityError(ErrorCodes.SESSION_NOT_FOUND, `Session "${id}" does not exist. Open it before appending messages.`);
    return session;
  };
  const bucket = (name: string): Map<string, JsonObject> => {
    let map = collections.get(name);
    if (!map) collections.set(name, (map = new Map()));
    return map;
  };

  const appendNow = (sessionId: string, batch: NewMessage[]): StoredMessage[] => {
    const session = requireSession(sessionId);
    const list = messages.get(sessionId) ?? [];
    const now = Date.now();
    // Messages are stored deep-frozen, so reads hand them out without copying.
    const stored = batch.map((message, index) =>
      freeze({
        sessionId,
        seq: session.lastSeq + index + 1,
        role: message.role,
        content: clone(message.content),
        metadata: clone(message.metadata ?? {}),
        createdAt: now,
      }),
    );
    list.push(...stored);
    messages.set(sessionId, list);
    session.lastSeq += stored.length;
    session.updatedAt = now;
    return [...stored];
  };

  const updateSession = (id: string, patch: { metadata?: JsonObject; windowStart?: number }): SessionRecord => {
    const session = requireSession(id);
    if (patch.metadata) session.metadata = { ...session.metadata, ...clone(patch.metadata) };
    if (patch.windowStart !== undefined) session.windowStart = patch.windowStart;
    session.updatedAt = Date.now();
    return clone(session);
  };

  const collection = <T extends JsonObject>(name: string): Collection<T> => ({
    name,
    async get(id) {
      requireOpen();
      const value = bucket(name).get(id);
      return value === undefined ? undefined : (clone(value) as T);
    },
    async put(id, value) {
      requireOpen();
      bucket(name).set(id, clone(value));
    },
    async insert(id, value) {
      requireOpen();
      const map = bucket(name);
      if (map.has(id)) return false;
      map.set(id, clone(value));
      return true;
    },
    async delete(id) {
      requireOpen();
      return bucket(name).delete(id);
    },
    async list(query: CollectionQuery = {}) {
      requireOpen();
      let entries: CollectionEntry<T>[] = [...bucket(name)]
        .filter(([id, value]) => (!query.idPrefix || id.startsWith(query.idPrefix)) && matches(value, query.where))
        .map(([id, value]) => ({ id, value: clone(value) as T }));
      const field = query.orderBy?.field;
      const direction = query.orderBy?.direction === 'desc' ? -1 : 1;
      entries.sort((a, b) => {
        const left = field ? (a.value[field] ?? null) : a.id;
        const right = field ? (b.value[field] ?? null) : b.id;
        if (left === right) return a.id < b.id ? -1 : 1;
        if (left === null) return -direction;
        if (right === null) return direction;
        return (left < right ? -1 : 1) * direction;
      });
      entries = entries.slice(0, query.limit ?? 100);
      return entries;
    },
    async count(where) {
      requireOpen();
      return [...bucket(name).values()].filter((value) => matches(value, where)).length;
    },
  });

  const namespace = (name: string): Map<string, SearchDocument> => {
    let map = documents.get(name);
    if (!map) documents.set(name, (map = new Map()));
    return map;
  };
  const hit = (document: SearchDocument, score: number): SearchHit => ({
    id: document.id,
    scope: document.scope,
    text: document.text,
    metadata: clone(document.metadata ?? {}),
    score,
  });

  return {
    name: 'memory',
    async open() {
      open = true;
    },
    async close() {
      open = false;
    },
    sessions: {
      async ensure({ id, kind, metadata }) {
        requireOpen();
        let session = sessions.get(id);
        if (!session) {
          const now = Date.now();
          session = { id, kind, metadata: clone(metadata ?? {}), windowStart: 0, lastSeq: 0, createdAt: now, updatedAt: now };
          sessions.set(id, session);
        }
        return clone(session);
      },
      async get(id) {
        requireOpen();
        const session = sessions.get(id);
        return session ? clone(session) : undefined;
      },
      async list(options: ListSessionsOptions = {}) {
        requireOpen();
        return [...sessions.values()]
          .filter(
            (session) =>
              (!options.kind || session.kind === options.kind) &&
              (!options.prefix || session.id.startsWith(options.prefix)) &&
              (options.before === undefined || session.updatedAt < options.before),
          )
          .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1))
          .slice(0, options.limit ?? 100)
          .map(clone);
      },
      async update(id, patch) {
        requireOpen();
        return updateSession(id, patch);
      },
      async delete(id) {
        requireOpen();
        messages.delete(id);
        return sessions.delete(id);
      },
    },
    messages: {
      async append(sessionId, batch) {
        requireOpen();
        return appendNow(sessionId, batch);
      },
      async tail(sessionId, { limit, afterSeq = 0, beforeSeq = Number.POSITIVE_INFINITY }) {
        requireOpen();
        const list = messages.get(sessionId) ?? [];
        // seq == index + 1, so the window is a slice: O(limit), not O(session length).
        const end = Math.min(list.length, beforeSeq - 1);
        const start = Math.max(afterSeq, end - limit, 0);
        return list.slice(start, Math.max(start, end));
      },
      async range(sessionId, { afterSeq, limit }) {
        requireOpen();
        return (messages.get(sessionId) ?? []).slice(afterSeq, afterSeq + limit);
      },
      async count(sessionId) {
        requireOpen();
        return messages.get(sessionId)?.length ?? 0;
      },
    },
    collection,
    search: {
      async upsert(document) {
        requireOpen();
        namespace(document.namespace).set(document.id, clone(document));
      },
      async remove(name, id) {
        requireOpen();
        return namespace(name).delete(id);
      },
      async searchText({ namespace: name, text, scopes, limit }) {
        requireOpen();
        const terms = new Set(tokenize(text));
        if (terms.size === 0) return [];
        return [...namespace(name).values()]
          .filter((document) => scopes.includes(document.scope))
          .map((document) => {
            const words = tokenize(document.text);
            const overlap = words.filter((word) => terms.has(word)).length;
            return { document, score: overlap / Math.sqrt(words.length || 1) };
          })
          .filter((entry) => entry.score > 0)
          .sort((a, b) => b.score - a.score)
          .slice(0, limit)
          .map((entry) => hit(entry.document, entry.score));
      },
      async searchVector({ namespace: name, vector, scopes, limit }) {
        requireOpen();
        return [...namespace(name).values()]
          .filter((document) => document.vector && scopes.includes(document.scope))
          .map((document) => ({ document, score: cosine(vector, document.vector ?? []) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, limit)
          .map((entry) => hit(entry.document, entry.score));
      },
    },
    async batch(operations: WriteOperation[]) {
      requireOpen();
      // Validate everything first so a failing operation leaves no write visible.
      for (const operation of operations) {
        if (operation.type === 'message.append' || operation.type === 'session.update') {
          requireSession(operation.type === 'message.append' ? operation.sessionId : operation.id);
        }
      }
      for (const operation of operations) {
        switch (operation.type) {
          case 'message.append':
            appendNow(operation.sessionId, operation.messages);
            break;
          case 'collection.put':
            bucket(operation.collection).set(operation.id, clone(operation.value));
            break;
          case 'collection.delete':
            bucket(operation.collection).delete(operation.id);
            break;
          case 'session.update':
            updateSession(operation.id, operation);
            break;
        }
      }
    },
  };
}
