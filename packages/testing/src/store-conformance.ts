import { USAGE_COLLECTION, UsageLedger, UsageSettingsSchema, type JsonObject, type SearchDocument, type Store } from '@downcity/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** Options for {@link describeStoreConformance}. */
export interface StoreConformanceOptions {
  /** The store keeps data across `close()` + `open()` (a file or a server, not memory). Adds the persistence tests. */
  persistent?: boolean;
}

/** Waits long enough for `Date.now()` to move, so "newest first" is unambiguous. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

const text = (value: string) => ({ role: 'user' as const, content: value });

/**
 * Registers the shared behaviour tests every `Store` implementation must pass, so the
 * in-memory store, the libSQL store and later a PostgreSQL store behave the same for services.
 *
 * Each test gets a fresh store from `createStore` (return a new, empty store each call, e.g. a new
 * temp file), opens it, and closes it afterwards. Call it at the top level of a vitest test file.
 *
 * @example
 * ```ts
 * describeStoreConformance('libsql', () => createLibsqlStore({ path: tempFile() }), { persistent: true });
 * ```
 */
export function describeStoreConformance(
  name: string,
  createStore: () => Promise<Store> | Store,
  options: StoreConformanceOptions = {},
): void {
  describe(`${name} store conformance`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await createStore();
      await store.open();
    });

    afterEach(async () => {
      await store.close();
    });

    const chat = (id: string, metadata?: JsonObject) =>
      store.sessions.ensure(metadata === undefined ? { id, kind: 'chat' } : { id, kind: 'chat', metadata });

    const appendTexts = async (sessionId: string, count: number) => {
      for (let index = 1; index <= count; index += 1) {
        await store.messages.append(sessionId, [text(`message ${index}`)]);
      }
    };

    describe('lifecycle', () => {
      it('has a name', () => {
        expect(typeof store.name).toBe('string');
        expect(store.name.length).toBeGreaterThan(0);
      });

      it('can be opened again after close', async () => {
        await store.close();
        await store.open();
        await chat('chat:reopened');
        expect(await store.sessions.get('chat:reopened')).toBeDefined();
      });
    });

    describe('sessions', () => {
      it('ensure creates a session with empty history', async () => {
        const before = Date.now();
        const session = await store.sessions.ensure({ id: 'chat:a', kind: 'chat', metadata: { channel: 'telegram' } });
        expect(session).toMatchObject({
          id: 'chat:a',
          kind: 'chat',
          metadata: { channel: 'telegram' },
          windowStart: 0,
          lastSeq: 0,
        });
        expect(session.createdAt).toBeGreaterThanOrEqual(before - 1);
        expect(session.updatedAt).toBeGreaterThanOrEqual(session.createdAt);
        expect(await store.sessions.get('chat:a')).toEqual(session);
      });

      it('ensure is idempotent and keeps the first metadata', async () => {
        const first = await store.sessions.ensure({ id: 'task:1', kind: 'task', metadata: { owner: 'ann' } });
        const second = await store.sessions.ensure({ id: 'task:1', kind: 'task', metadata: { owner: 'bob' } });
        expect(second).toEqual(first);
        expect((await store.sessions.list()).filter((session) => session.id === 'task:1')).toHaveLength(1);
      });

      it('get returns undefined for a missing session', async () => {
        expect(await store.sessions.get('chat:missing')).toBeUndefined();
      });

      it('update merges metadata and moves the window start', async () => {
        await chat('chat:u', { channel: 'telegram', title: 'old' });
        await tick();
        const updated = await store.sessions.update('chat:u', { metadata: { title: 'new', pinned: true } });
        expect(updated.metadata).toEqual({ channel: 'telegram', title: 'new', pinned: true });
        expect(updated.updatedAt).toBeGreaterThan(updated.createdAt);
        const moved = await store.sessions.update('chat:u', { windowStart: 7 });
        expect(moved.windowStart).toBe(7);
        expect(moved.metadata).toEqual({ channel: 'telegram', title: 'new', pinned: true });
        expect(await store.sessions.get('chat:u')).toEqual(moved);
      });

      it('update rejects a missing session', async () => {
        await expect(store.sessions.update('chat:nobody', { metadata: { a: 1 } })).rejects.toThrow();
        expect(await store.sessions.get('chat:nobody')).toBeUndefined();
      });

      it('delete removes the session and its messages', async () => {
        await chat('chat:d');
        await appendTexts('chat:d', 3);
        expect(await store.sessions.delete('chat:d')).toBe(true);
        expect(await store.sessions.get('chat:d')).toBeUndefined();
        expect(await store.messages.count('chat:d')).toBe(0);
        expect(await store.messages.tail('chat:d', { limit: 10 })).toEqual([]);
        expect(await store.sessions.delete('chat:d')).toBe(false);
      });

      it('a session re-created after delete starts again at seq 1', async () => {
        await chat('chat:again');
        await appendTexts('chat:again', 2);
        await store.sessions.delete('chat:again');
        await chat('chat:again');
        const [message] = await store.messages.append('chat:again', [text('fresh')]);
        expect(message?.seq).toBe(1);
      });

      it('list returns the most recently updated first', async () => {
        await chat('chat:old');
        await tick();
        await chat('chat:mid');
        await tick();
        await chat('chat:new');
        await tick();
        await store.messages.append('chat:old', [text('wake up')]);
        const ids = (await store.sessions.list()).map((session) => session.id);
        expect(ids).toEqual(['chat:old', 'chat:new', 'chat:mid']);
      });

      it('list filters by kind and id prefix and honours limit and before', async () => {
        await store.sessions.ensure({ id: 'chat:telegram:1', kind: 'chat' });
        await tick();
        await store.sessions.ensure({ id: 'chat:feishu:1', kind: 'chat' });
        await tick();
        await store.sessions.ensure({ id: 'task:nightly:1', kind: 'task' });
        await tick();
        await store.sessions.ensure({ id: 'chat:telegram:2', kind: 'chat' });

        const ids = async (listOptions: Parameters<Store['sessions']['list']>[0]) =>
          (await store.sessions.list(listOptions)).map((session) => session.id);

        expect(await ids({ kind: 'task' })).toEqual(['task:nightly:1']);
        expect(await ids({ kind: 'chat' })).toEqual(['chat:telegram:2', 'chat:feishu:1', 'chat:telegram:1']);
        expect(await ids({ prefix: 'chat:telegram:' })).toEqual(['chat:telegram:2', 'chat:telegram:1']);
        expect(await ids({ prefix: 'chat:', kind: 'task' })).toEqual([]);
        expect(await ids({ limit: 2 })).toEqual(['chat:telegram:2', 'task:nightly:1']);

        const newest = (await store.sessions.list({ limit: 1 }))[0];
        expect(newest).toBeDefined();
        expect(await ids({ before: newest?.updatedAt })).toEqual(['task:nightly:1', 'chat:feishu:1', 'chat:telegram:1']);
      });
    });

    describe('messages', () => {
      it('append assigns increasing seq and stamps the session', async () => {
        await chat('chat:m');
        const first = await store.messages.append('chat:m', [text('hi')]);
        const next = await store.messages.append('chat:m', [
          { role: 'assistant', content: [{ type: 'text', text: 'hello' }], metadata: { turnId: 't1' } },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'clock', output: { type: 'json', value: 12 } }] },
        ]);
        expect(first.map((message) => message.seq)).toEqual([1]);
        expect(next.map((message) => message.seq)).toEqual([2, 3]);
        expect(first[0]).toMatchObject({ sessionId: 'chat:m', role: 'user', content: 'hi', metadata: {} });
        expect(typeof first[0]?.createdAt).toBe('number');
        expect(next[0]).toMatchObject({ role: 'assistant', content: [{ type: 'text', text: 'hello' }], metadata: { turnId: 't1' } });
        const session = await store.sessions.get('chat:m');
        expect(session?.lastSeq).toBe(3);
        expect(session?.updatedAt).toBeGreaterThanOrEqual(session?.createdAt ?? Infinity);
      });

      it('stored messages read back exactly as append returned them', async () => {
        await chat('chat:roundtrip');
        const appended = await store.messages.append('chat:roundtrip', [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: [{ type: 'text', text: 'ünïcödé ✓ "quotes"' }], metadata: { platformId: 99, voice: false } },
        ]);
        expect(await store.messages.tail('chat:roundtrip', { limit: 10 })).toEqual(appended);
      });

      it('concurrent appends get distinct, gap-free seq numbers', async () => {
        await chat('chat:race');
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, index) => store.messages.append('chat:race', [text(`a${index}`), text(`b${index}`)])),
        );
        const seqs = results.flat().map((message) => message.seq).sort((left, right) => left - right);
        expect(seqs).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
        for (const pair of results) expect(pair[1]?.seq).toBe((pair[0]?.seq ?? 0) + 1);
      });

      it('append to a missing session rejects and stores nothing', async () => {
        await expect(store.messages.append('chat:ghost', [text('boo')])).rejects.toThrow();
        expect(await store.sessions.get('chat:ghost')).toBeUndefined();
        expect(await store.messages.count('chat:ghost')).toBe(0);
      });

      it('tail returns the last N in ascending order', async () => {
        await chat('chat:t');
        await appendTexts('chat:t', 10);
        const seqs = async (tailOptions: { limit: number; afterSeq?: number; beforeSeq?: number }) =>
          (await store.messages.tail('chat:t', tailOptions)).map((message) => message.seq);
        expect(await seqs({ limit: 3 })).toEqual([8, 9, 10]);
        expect(await seqs({ limit: 50 })).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(await seqs({ limit: 3, beforeSeq: 5 })).toEqual([2, 3, 4]);
        expect(await seqs({ limit: 10, afterSeq: 7 })).toEqual([8, 9, 10]);
        expect(await seqs({ limit: 2, afterSeq: 3, beforeSeq: 9 })).toEqual([7, 8]);
        expect(await seqs({ limit: 10, afterSeq: 3, beforeSeq: 6 })).toEqual([4, 5]);
        expect(await seqs({ limit: 10, afterSeq: 10 })).toEqual([]);
        const tail = await store.messages.tail('chat:t', { limit: 1 });
        expect(tail[0]).toMatchObject({ sessionId: 'chat:t', seq: 10, role: 'user', content: 'message 10' });
      });

      it('tail of a missing session is empty', async () => {
        expect(await store.messages.tail('chat:none', { limit: 5 })).toEqual([]);
      });

      it('range pages forward from afterSeq', async () => {
        await chat('chat:r');
        await appendTexts('chat:r', 7);
        const seqs = async (afterSeq: number, limit: number) =>
          (await store.messages.range('chat:r', { afterSeq, limit })).map((message) => message.seq);
        expect(await seqs(0, 3)).toEqual([1, 2, 3]);
        expect(await seqs(3, 3)).toEqual([4, 5, 6]);
        expect(await seqs(6, 3)).toEqual([7]);
        expect(await seqs(7, 3)).toEqual([]);
      });

      it('count is per session', async () => {
        await chat('chat:c1');
        await chat('chat:c2');
        await appendTexts('chat:c1', 4);
        await appendTexts('chat:c2', 1);
        expect(await store.messages.count('chat:c1')).toBe(4);
        expect(await store.messages.count('chat:c2')).toBe(1);
        expect(await store.messages.count('chat:none')).toBe(0);
        expect((await store.messages.tail('chat:c2', { limit: 10 })).map((message) => message.content)).toEqual(['message 1']);
      });
    });

    describe('collections', () => {
      it('get, put and replace', async () => {
        const users = store.collection<{ name: string; age: number }>('test/users');
        expect(users.name).toBe('test/users');
        expect(await users.get('u1')).toBeUndefined();
        await users.put('u1', { name: 'Ann', age: 30 });
        expect(await users.get('u1')).toEqual({ name: 'Ann', age: 30 });
        await users.put('u1', { name: 'Ann', age: 31 });
        expect(await users.get('u1')).toEqual({ name: 'Ann', age: 31 });
      });

      it('insert returns false on a duplicate and does not overwrite', async () => {
        const seen = store.collection('test/dedupe');
        expect(await seen.insert('update:1', { at: 1 })).toBe(true);
        expect(await seen.insert('update:1', { at: 2 })).toBe(false);
        expect(await seen.get('update:1')).toEqual({ at: 1 });
      });

      it('delete reports whether the entry existed', async () => {
        const items = store.collection('test/items');
        await items.put('x', { v: 1 });
        expect(await items.delete('x')).toBe(true);
        expect(await items.get('x')).toBeUndefined();
        expect(await items.delete('x')).toBe(false);
      });

      it('collections with different names are separate', async () => {
        await store.collection('test/one').put('k', { from: 'one' });
        await store.collection('test/two').put('k', { from: 'two' });
        expect(await store.collection('test/one').get('k')).toEqual({ from: 'one' });
        expect(await store.collection('test/two').get('k')).toEqual({ from: 'two' });
        expect(await store.collection('test/one').count()).toBe(1);
      });

      describe('list and count', () => {
        const seed = async () => {
          const tasks = store.collection<{ status: string; priority: number; urgent: boolean; owner: string | null }>('test/tasks');
          await tasks.put('task:3', { status: 'open', priority: 2, urgent: false, owner: 'ann' });
          await tasks.put('task:1', { status: 'open', priority: 5, urgent: true, owner: null });
          await tasks.put('job:9', { status: 'done', priority: 1, urgent: false, owner: 'bob' });
          await tasks.put('task:2', { status: 'done', priority: 3, urgent: true, owner: 'ann' });
          return tasks;
        };
        const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id);

        it('lists by id ascending by default with values', async () => {
          const tasks = await seed();
          const entries = await tasks.list();
          expect(ids(entries)).toEqual(['job:9', 'task:1', 'task:2', 'task:3']);
          expect(entries[0]).toEqual({ id: 'job:9', value: { status: 'done', priority: 1, urgent: false, owner: 'bob' } });
        });

        it('filters with where on strings, numbers, booleans and null', async () => {
          const tasks = await seed();
          expect(ids(await tasks.list({ where: { status: 'open' } }))).toEqual(['task:1', 'task:3']);
          expect(ids(await tasks.list({ where: { priority: 3 } }))).toEqual(['task:2']);
          expect(ids(await tasks.list({ where: { urgent: true } }))).toEqual(['task:1', 'task:2']);
          expect(ids(await tasks.list({ where: { urgent: false, owner: 'ann' } }))).toEqual(['task:3']);
          expect(ids(await tasks.list({ where: { owner: null } }))).toEqual(['task:1']);
          expect(ids(await tasks.list({ where: { status: 'archived' } }))).toEqual([]);
          expect(ids(await tasks.list({ where: { priority: '3' } }))).toEqual([]);
        });

        it('orders by a field, limits and filters by id prefix', async () => {
          const tasks = await seed();
          expect(ids(await tasks.list({ orderBy: { field: 'priority' } }))).toEqual(['job:9', 'task:3', 'task:2', 'task:1']);
          expect(ids(await tasks.list({ orderBy: { field: 'priority', direction: 'desc' }, limit: 2 }))).toEqual([
            'task:1',
            'task:2',
          ]);
          expect(ids(await tasks.list({ idPrefix: 'task:' }))).toEqual(['task:1', 'task:2', 'task:3']);
          expect(ids(await tasks.list({ idPrefix: 'task:', where: { status: 'done' } }))).toEqual(['task:2']);
          expect(ids(await tasks.list({ limit: 1 }))).toEqual(['job:9']);
        });

        it('counts with and without a filter', async () => {
          const tasks = await seed();
          expect(await tasks.count()).toBe(4);
          expect(await tasks.count({ status: 'open' })).toBe(2);
          expect(await tasks.count({ status: 'open', urgent: true })).toBe(1);
          expect(await tasks.count({ status: 'missing' })).toBe(0);
        });
      });
    });

    describe('batch', () => {
      it('applies every kind of write', async () => {
        await chat('chat:b', { step: 1 });
        await store.collection('test/b').put('gone', { x: 1 });
        await store.batch([
          { type: 'message.append', sessionId: 'chat:b', messages: [text('one'), text('two')] },
          { type: 'message.append', sessionId: 'chat:b', messages: [text('three')] },
          { type: 'collection.put', collection: 'test/b', id: 'kept', value: { x: 2 } },
          { type: 'collection.delete', collection: 'test/b', id: 'gone' },
          { type: 'session.update', id: 'chat:b', metadata: { step: 2 }, windowStart: 1 },
        ]);
        expect((await store.messages.tail('chat:b', { limit: 10 })).map((message) => [message.seq, message.content])).toEqual([
          [1, 'one'],
          [2, 'two'],
          [3, 'three'],
        ]);
        expect(await store.collection('test/b').get('kept')).toEqual({ x: 2 });
        expect(await store.collection('test/b').get('gone')).toBeUndefined();
        expect(await store.sessions.get('chat:b')).toMatchObject({ metadata: { step: 2 }, windowStart: 1, lastSeq: 3 });
      });

      it('is all or nothing when one write fails', async () => {
        await chat('chat:atomic', { step: 1 });
        await store.messages.append('chat:atomic', [text('before')]);
        await store.collection('test/atomic').put('existing', { v: 1 });
        await expect(
          store.batch([
            { type: 'collection.put', collection: 'test/atomic', id: 'new', value: { v: 2 } },
            { type: 'collection.delete', collection: 'test/atomic', id: 'existing' },
            { type: 'message.append', sessionId: 'chat:atomic', messages: [text('during')] },
            { type: 'session.update', id: 'chat:atomic', metadata: { step: 2 } },
            { type: 'message.append', sessionId: 'chat:missing', messages: [text('fails')] },
          ]),
        ).rejects.toThrow();
        expect(await store.collection('test/atomic').get('new')).toBeUndefined();
        expect(await store.collection('test/atomic').get('existing')).toEqual({ v: 1 });
        expect(await store.messages.count('chat:atomic')).toBe(1);
        expect(await store.sessions.get('chat:atomic')).toMatchObject({ metadata: { step: 1 }, lastSeq: 1 });
        const [after] = await store.messages.append('chat:atomic', [text('after')]);
        expect(after?.seq).toBe(2);
      });
    });

    describe('search', () => {
      const memory = (id: string, body: string, scope = 'user:1', extra: Partial<SearchDocument> = {}): SearchDocument => ({
        namespace: 'test-memory',
        id,
        scope,
        text: body,
        ...extra,
      });

      it('ranks the most relevant document first', async () => {
        await store.search.upsert(memory('tea', 'Alice prefers green tea in the morning'));
        await store.search.upsert(memory('deploy', 'The deployment pipeline runs every Friday afternoon'));
        await store.search.upsert(memory('colour', "Bob's favourite colour is blue", 'user:1', { metadata: { source: 'chat' } }));
        await store.search.upsert(memory('cars', 'Bob owns two cars and a bicycle'));
        const hits = await store.search.searchText({
          namespace: 'test-memory',
          text: 'Which colour does Bob like best?',
          scopes: ['user:1'],
          limit: 5,
        });
        expect(hits[0]).toMatchObject({ id: 'colour', scope: 'user:1', text: "Bob's favourite colour is blue", metadata: { source: 'chat' } });
        expect(hits.map((hit) => hit.id)).not.toContain('deploy');
        for (let index = 1; index < hits.length; index += 1) {
          expect(hits[index - 1]?.score ?? 0).toBeGreaterThanOrEqual(hits[index]?.score ?? 0);
        }
      });

      it('accepts any user text as a query', async () => {
        await store.search.upsert(memory('doc', 'alpha beta gamma'));
        for (const query of ['"unbalanced', 'alpha*', 'NEAR(alpha beta)', '-alpha', '(alpha OR) AND NOT', 'a:b', '', '   ', '💥']) {
          const hits = await store.search.searchText({ namespace: 'test-memory', text: query, scopes: ['user:1'], limit: 5 });
          expect(Array.isArray(hits)).toBe(true);
        }
        const hits = await store.search.searchText({ namespace: 'test-memory', text: 'NEAR(alpha)', scopes: ['user:1'], limit: 5 });
        expect(hits.map((hit) => hit.id)).toEqual(['doc']);
      });

      it('never returns a document outside the requested scopes or namespace', async () => {
        await store.search.upsert(memory('secret', 'the launch code is hidden', 'user:a'));
        await store.search.upsert(memory('public', 'the launch date is Monday', 'user:b'));
        await store.search.upsert({ namespace: 'test-other', id: 'other', scope: 'user:b', text: 'launch launch launch' });
        const search = (scopes: string[]) =>
          store.search.searchText({ namespace: 'test-memory', text: 'launch', scopes, limit: 10 });
        expect((await search(['user:b'])).map((hit) => hit.id)).toEqual(['public']);
        expect((await search(['user:a'])).map((hit) => hit.id)).toEqual(['secret']);
        expect((await search(['user:a', 'user:b'])).map((hit) => hit.id).sort()).toEqual(['public', 'secret']);
        expect(await search(['user:c'])).toEqual([]);
      });

      it('upsert replaces a document and remove deletes it', async () => {
        await store.search.upsert(memory('note', 'the meeting is on Tuesday'));
        await store.search.upsert(memory('note', 'the meeting moved to Thursday'));
        const find = (words: string) =>
          store.search.searchText({ namespace: 'test-memory', text: words, scopes: ['user:1'], limit: 5 });
        expect(await find('Tuesday')).toEqual([]);
        expect((await find('Thursday')).map((hit) => hit.id)).toEqual(['note']);
        expect(await store.search.remove('test-memory', 'note')).toBe(true);
        expect(await find('Thursday')).toEqual([]);
        expect(await store.search.remove('test-memory', 'note')).toBe(false);
      });

      it('vector search returns the nearest by cosine, scoped', async () => {
        await store.search.upsert(memory('east', 'east', 'user:1', { vector: [1, 0, 0] }));
        await store.search.upsert(memory('north', 'north', 'user:1', { vector: [0, 1, 0] }));
        await store.search.upsert(memory('north-east', 'north-east', 'user:1', { vector: [0.9, 0.4, 0] }));
        await store.search.upsert(memory('far-east', 'far east', 'user:2', { vector: [10, 0, 0] }));
        const hits = await store.search.searchVector({ namespace: 'test-memory', vector: [2, 0.1, 0], scopes: ['user:1'], limit: 3 });
        expect(hits.map((hit) => hit.id)).toEqual(['east', 'north-east', 'north']);
        expect(hits[0]?.score ?? 0).toBeGreaterThan(hits[1]?.score ?? 0);
        expect(hits[1]?.score ?? 0).toBeGreaterThan(hits[2]?.score ?? 0);
        const limited = await store.search.searchVector({ namespace: 'test-memory', vector: [0, 1, 0], scopes: ['user:1'], limit: 1 });
        expect(limited.map((hit) => hit.id)).toEqual(['north']);
        const other = await store.search.searchVector({ namespace: 'test-memory', vector: [1, 0, 0], scopes: ['user:2'], limit: 5 });
        expect(other.map((hit) => hit.id)).toEqual(['far-east']);
        await store.search.remove('test-memory', 'east');
        const afterRemove = await store.search.searchVector({ namespace: 'test-memory', vector: [1, 0, 0], scopes: ['user:1'], limit: 1 });
        expect(afterRemove.map((hit) => hit.id)).toEqual(['north-east']);
      });
    });

    if (options.persistent === true) {
      describe('persistence', () => {
        it('keeps every kind of data across close() and open()', async () => {
          await store.sessions.ensure({ id: 'chat:p', kind: 'chat', metadata: { channel: 'qq' } });
          await store.messages.append('chat:p', [text('remember me'), { role: 'assistant', content: 'I will' }]);
          await store.collection('test/p').put('k', { v: 'kept' });
          await store.search.upsert({ namespace: 'test-p', id: 'd', scope: 's', text: 'durable words', vector: [0, 1] });
          await store.close();
          await store.open();
          expect(await store.sessions.get('chat:p')).toMatchObject({ metadata: { channel: 'qq' }, lastSeq: 2 });
          expect((await store.messages.tail('chat:p', { limit: 5 })).map((message) => message.content)).toEqual([
            'remember me',
            'I will',
          ]);
          expect(await store.collection('test/p').get('k')).toEqual({ v: 'kept' });
          const textHits = await store.search.searchText({ namespace: 'test-p', text: 'durable', scopes: ['s'], limit: 1 });
          expect(textHits.map((hit) => hit.id)).toEqual(['d']);
          const vectorHits = await store.search.searchVector({ namespace: 'test-p', vector: [0, 1], scopes: ['s'], limit: 1 });
          expect(vectorHits.map((hit) => hit.id)).toEqual(['d']);
          const [next] = await store.messages.append('chat:p', [text('again')]);
          expect(next?.seq).toBe(3);
        });
      });
    }

    describe('usage ledger', () => {
      const DAY = Date.UTC(2026, 5, 1, 12);
      const step = (principalId: string, turnId: string, tokens: number) => ({
        sessionId: 'chat:u',
        turnId,
        step: 1,
        principalId,
        model: 'openai:gpt-4o-mini',
        tokens: { inputTokens: tokens, outputTokens: 1, cachedInputTokens: 1 },
      });

      it("stores a step's messages and its usage record in one batch, and reads one principal's day by id prefix", async () => {
        let now = DAY;
        const settings = UsageSettingsSchema.parse({ prices: { 'openai:gpt-4o-mini': { input: 1, output: 1 } }, budgets: { perPrincipalDaily: { tokens: 100 } } });
        const ledger = new UsageLedger({ store, settings, now: () => now });
        await chat('chat:u');
        // Ids that LIKE or a prefix range could confuse: `%`, `_`, `/` and one id the prefix of another.
        const principals = ['http:50%_off/x', 'http:50', 'http:5'];
        const stored = await ledger.appendStep([{ role: 'assistant', content: 'a', metadata: { usage: { inputTokens: 99, outputTokens: 1 } } }, { role: 'tool', content: 'b' }], step(principals[0] as string, 't1', 99));
        expect(stored.map((message) => [message.seq, message.role])).toEqual([
          [1, 'assistant'],
          [2, 'tool'],
        ]);
        expect(stored[0]?.metadata).toMatchObject({ model: 'openai:gpt-4o-mini', usage: { inputTokens: 99, outputTokens: 1, cachedInputTokens: 1, cost: 0.0001, currency: 'USD' } });
        await ledger.appendStep([{ role: 'assistant', content: 'c' }], step(principals[1] as string, 't2', 5));
        await ledger.appendStep([{ role: 'assistant', content: 'd' }], step(principals[2] as string, 't3', 7));
        expect((await ledger.principalDay(principals[0] as string)).totalTokens).toBe(100);
        expect((await ledger.principalDay(principals[1] as string)).totalTokens).toBe(6);
        expect((await ledger.principalDay(principals[2] as string)).totalTokens).toBe(8);
        expect(await ledger.check(principals[0])).toMatchObject({ allowed: false });
        expect(await ledger.check(principals[1])).toEqual({ allowed: true });
        const report = await ledger.report({ since: '2026-06-01', until: '2026-06-01', groupBy: 'principal' });
        expect(report.groups.map((group) => [group.key, group.steps])).toEqual([
          ['http:50%_off/x', 1],
          ['http:5', 1],
          ['http:50', 1],
        ]);
        now = DAY + 86_400_000;
        expect(await ledger.check(principals[0])).toEqual({ allowed: true });
      });

      it('stores neither the messages nor the record when the batch fails', async () => {
        const ledger = new UsageLedger({ store, settings: UsageSettingsSchema.parse({}), now: () => DAY });
        await expect(ledger.appendStep([{ role: 'assistant', content: 'a' }], step('p', 't', 1))).rejects.toThrow();
        expect(await store.collection(USAGE_COLLECTION).count()).toBe(0);
      });
    });
  });
}
