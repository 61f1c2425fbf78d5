import { createLogger, createMemoryStore, type JsonObject, type PackageStorage } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { Inbox } from './inbox.js';
import type { InboxEntry } from './inbox-entry.js';
import { Outbox } from './outbox.js';
import { pruneInbox } from './prune-inbox.js';

describe('pruneInbox', () => {
  it('deletes finished entries past the retention with their outbox records, never unfinished ones', async () => {
    const store = createMemoryStore();
    await store.open();
    const storage: PackageStorage = { collection: <T extends JsonObject>(name: string) => store.collection<T>(`chat:${name}`), search: store.search, batch: (operations) => store.batch(operations) };
    const inbox = new Inbox(storage);
    const outbox = new Outbox(storage);
    const entry = (status: InboxEntry['status'], receivedAt: number): InboxEntry => ({
      status,
      sessionId: 's',
      receivedAt,
      updatedAt: receivedAt,
      replyChunks: ['a', 'b'],
      message: { channel: 't', account: 'b', messageId: 'm', chat: { id: 'c', type: 'direct' }, sender: { id: 'u' }, text: 'x', attachments: [], mentions: { self: true, userIds: [] }, sentAt: 0 },
    });
    await inbox.insert('old-answered', entry('answered', 1_000));
    await inbox.insert('old-pending', entry('pending', 2_000));
    await inbox.insert('new-answered', entry('answered', 90_000));
    await outbox.sent('old-answered:0', 'x');
    await outbox.sent('old-answered:1', 'y');
    await outbox.sent('new-answered:0', 'z');
    const deleted = await pruneInbox({ inbox, outbox, retentionMs: 50_000, now: 100_000, logger: createLogger({ level: 'silent' }) });
    expect(deleted).toBe(1);
    expect((await store.collection('chat:inbox').list()).map((item) => item.id).sort()).toEqual(['new-answered', 'old-pending']);
    expect((await store.collection('chat:outbox').list()).map((item) => item.id)).toEqual(['new-answered:0']);
  });
});
