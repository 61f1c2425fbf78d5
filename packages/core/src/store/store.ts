/**
 * The storage contract every Downcity store implements.
 *
 * The agent owns one {@link Store}. Sessions and their messages live in dedicated tables;
 * services keep their own domain state in named {@link Collection}s and may index text
 * and vectors through {@link SearchIndex}. The contract is async and SQL-free so a
 * PostgreSQL or Redis implementation can sit behind it without touching any service.
 *
 * @packageDocumentation
 */

/** A JSON value as stored. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object as stored. */
export type JsonObject = { [key: string]: JsonValue };

/** The two kinds of session: one chat conversation, or one task run. */
export type SessionKind = 'chat' | 'task';

/** One session as the store keeps it. */
export interface SessionRecord {
  /** The session id, the one execution axis (e.g. `chat:telegram:bot:42`). */
  id: string;
  /** Whether this session is a chat conversation or a task run. */
  kind: SessionKind;
  /** Free-form metadata a service attaches (channel, title, owner...). */
  metadata: JsonObject;
  /** Messages with `seq` at or below this are hidden from prompt windows (set by a reset). */
  windowStart: number;
  /** The highest `seq` of any stored message, 0 when empty. */
  lastSeq: number;
  /** Creation time, epoch milliseconds. */
  createdAt: number;
  /** Last write time, epoch milliseconds. */
  updatedAt: number;
}

/** The role of a stored message. */
export type MessageRole = 'system' | 'user' | 'assistant' | 'tool';

/** A message to append; the store assigns `seq` and `createdAt`. */
export interface NewMessage {
  /** Who spoke. */
  role: MessageRole;
  /** The message content in AI SDK `ModelMessage` content form (text or parts), JSON-serializable. */
  content: JsonValue;
  /** Metadata about the message: platform ids, sender, transcription flags, turn id... */
  metadata?: JsonObject;
}

/** A message as stored, in session order. */
export interface StoredMessage extends Required<NewMessage> {
  /** The session this message belongs to. */
  sessionId: string;
  /** Position in the session, strictly increasing from 1. */
  seq: number;
  /** Write time, epoch milliseconds. */
  createdAt: number;
}

/** Options for listing sessions. */
export interface ListSessionsOptions {
  /** Only sessions of this kind. */
  kind?: SessionKind;
  /** Only sessions whose id starts with this prefix. */
  prefix?: string;
  /** Maximum number of sessions to return (default 100). */
  limit?: number;
  /** Return sessions updated strictly before this time (for paging, newest first). */
  before?: number;
}

/** Session rows. */
export interface SessionTable {
  /** Returns the session, creating it with the given kind and metadata when absent. */
  ensure(input: { id: string; kind: SessionKind; metadata?: JsonObject }): Promise<SessionRecord>;
  /** Returns the session, or `undefined` when no such session exists. */
  get(id: string): Promise<SessionRecord | undefined>;
  /** Lists sessions, most recently updated first. */
  list(options?: ListSessionsOptions): Promise<SessionRecord[]>;
  /** Merges `metadata` into the session's metadata and/or moves its window start. */
  update(id: string, patch: { metadata?: JsonObject; windowStart?: number }): Promise<SessionRecord>;
  /** Deletes a session and all of its messages. Returns whether it existed. */
  delete(id: string): Promise<boolean>;
}

/** Options for reading a window of messages. */
export interface TailOptions {
  /** Maximum number of messages to return. */
  limit: number;
  /** Only messages with `seq` strictly greater than this. */
  afterSeq?: number;
  /** Only messages with `seq` strictly less than this (for paging backwards). */
  beforeSeq?: number;
}

/** Message rows. Reads are bounded: a session with 100,000 messages reads as fast as one with 100. */
export interface MessageTable {
  /** Appends messages atomically in order; all are stored or none. The session must exist. */
  append(sessionId: string, messages: NewMessage[]): Promise<StoredMessage[]>;
  /** The last `limit` messages (within the bounds), in ascending `seq` order. */
  tail(sessionId: string, options: TailOptions): Promise<StoredMessage[]>;
  /** Messages in ascending order starting after `afterSeq`, at most `limit`. */
  range(sessionId: string, options: { afterSeq: number; limit: number }): Promise<StoredMessage[]>;
  /** The number of messages stored for the session. */
  count(sessionId: string): Promise<number>;
}

/** A scalar a collection filter can compare against. */
export type Scalar = string | number | boolean | null;

/** Options for listing collection entries. */
export interface CollectionQuery {
  /** Top-level fields that must equal the given values. */
  where?: Record<string, Scalar>;
  /** Sort by a top-level field (default: id ascending). */
  orderBy?: { field: string; direction?: 'asc' | 'desc' };
  /** Maximum number of entries (default 100). */
  limit?: number;
  /** Only ids starting with this prefix. */
  idPrefix?: string;
}

/** One entry of a collection. */
export interface CollectionEntry<T> {
  /** The entry's id, unique in its collection. */
  id: string;
  /** The stored value. */
  value: T;
}

/** A named set of JSON documents keyed by id: the typed key-value API services keep their state in. */
export interface Collection<T extends JsonObject = JsonObject> {
  /** The collection name (namespaced by the owning package). */
  readonly name: string;
  /** Returns the value, or `undefined`. */
  get(id: string): Promise<T | undefined>;
  /** Stores the value, replacing any previous one. */
  put(id: string, value: T): Promise<void>;
  /** Stores the value only when the id is absent. Returns `true` when it was inserted (use for deduplication). */
  insert(id: string, value: T): Promise<boolean>;
  /** Removes the entry. Returns whether it existed. */
  delete(id: string): Promise<boolean>;
  /** Lists entries matching the query. */
  list(query?: CollectionQuery): Promise<CollectionEntry<T>[]>;
  /** Counts entries matching the filter. */
  count(where?: Record<string, Scalar>): Promise<number>;
}

/** A document for the search index. */
export interface SearchDocument {
  /** Index namespace, e.g. `memory`. */
  namespace: string;
  /** Id unique within the namespace. */
  id: string;
  /** Scope tag used to partition results (e.g. `user:telegram:42`). */
  scope: string;
  /** The text indexed for full-text search. */
  text: string;
  /** Optional embedding for vector search. All vectors of a namespace have one dimension. */
  vector?: number[];
  /** Extra data returned with hits. */
  metadata?: JsonObject;
}

/** A search hit, best first. */
export interface SearchHit {
  /** Document id. */
  id: string;
  /** Document scope. */
  scope: string;
  /** Document text. */
  text: string;
  /** Document metadata. */
  metadata: JsonObject;
  /** Relevance; higher is better. Comparable only within one result list. */
  score: number;
}

/** Full-text and vector search over documents, scoped. */
export interface SearchIndex {
  /** Adds or replaces a document. */
  upsert(document: SearchDocument): Promise<void>;
  /** Removes a document. Returns whether it existed. */
  remove(namespace: string, id: string): Promise<boolean>;
  /** Full-text search ranked by relevance (BM25 where the store supports it). */
  searchText(query: { namespace: string; text: string; scopes: string[]; limit: number }): Promise<SearchHit[]>;
  /** Nearest-neighbour search by cosine distance. */
  searchVector(query: { namespace: string; vector: number[]; scopes: string[]; limit: number }): Promise<SearchHit[]>;
}

/** One write in an atomic {@link Store.batch}. */
export type WriteOperation =
  | { type: 'message.append'; sessionId: string; messages: NewMessage[] }
  | { type: 'collection.put'; collection: string; id: string; value: JsonObject }
  | { type: 'collection.delete'; collection: string; id: string }
  | { type: 'session.update'; id: string; metadata?: JsonObject; windowStart?: number };

/**
 * The store contract. An agent opens it on start and closes it on stop.
 *
 * Implementations: `createMemoryStore()` in `@downcity/core` (tests), `@downcity/store-libsql` (embedded default).
 */
export interface Store {
  /** A short name for logs and `doctor` (e.g. `memory`, `libsql`). */
  readonly name: string;
  /** Opens connections and runs migrations. Safe to call once per agent start. */
  open(): Promise<void>;
  /** Flushes and closes. After close the store may be opened again. */
  close(): Promise<void>;
  /** Session rows. */
  readonly sessions: SessionTable;
  /** Message rows. */
  readonly messages: MessageTable;
  /** Full-text and vector search. */
  readonly search: SearchIndex;
  /** Returns the named collection, creating it on first use. */
  collection<T extends JsonObject = JsonObject>(name: string): Collection<T>;
  /** Applies writes atomically: all succeed or none is visible. */
  batch(operations: WriteOperation[]): Promise<void>;
}
