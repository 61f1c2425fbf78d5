import { createMemoryStore, type PackageStorage } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import type { ChannelAdapter, OutboundMessage, OutboundTarget } from '../channel/channel.js';
import { Outbox } from '../inbox/outbox.js';
import { deliverReply } from './deliver-reply.js';

const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent } as never;

/** An adapter that records what it sends; `idempotent` says whether its platform drops repeated sends. */
function recordingAdapter(idempotent: boolean | undefined) {
  const sent: OutboundMessage[] = [];
  const adapter: ChannelAdapter = {
    id: 'test',
    account: 'bot',
    capabilities: { maxTextLength: 100, typing: false, attachments: false, streaming: false },
    connect: async () => {},
    disconnect: async () => {},
    send: async (_target, message) => {
      sent.push(message);
      return { messageId: `m${sent.length}` };
    },
    ...(idempotent === undefined ? {} : { sendIsIdempotent: (_target: OutboundTarget) => idempotent }),
  };
  return { adapter, sent };
}

async function outboxWithChunkInFlight(): Promise<Outbox> {
  const store = createMemoryStore();
  await store.open();
  const outbox = new Outbox({ collection: (name: string) => store.collection(`chat:${name}`) } as PackageStorage);
  // A worker marked chunk 0 in flight and died before the platform answered.
  await outbox.sending('telegram:bot:1:0');
  return outbox;
}

const deliver = (adapter: ChannelAdapter, outbox: Outbox) =>
  deliverReply({ adapter, target: { chatId: 'c1' }, chunks: ['first part', 'second part'], key: 'telegram:bot:1', outbox, retries: 0, logger: silent, signal: new AbortController().signal });

describe('deliverReply after a crash left a chunk in flight', () => {
  it('does not send it again where the platform would show a repeat (at most once)', async () => {
    const outbox = await outboxWithChunkInFlight();
    const { adapter, sent } = recordingAdapter(undefined);
    await deliver(adapter, outbox);
    expect(sent.map((message) => message.text)).toEqual(['second part']);
  });

  it('sends it again, with the same idempotency key, where the platform drops repeats (exactly once)', async () => {
    const outbox = await outboxWithChunkInFlight();
    const { adapter, sent } = recordingAdapter(true);
    const ids = await deliver(adapter, outbox);
    expect(sent.map((message) => [message.text, message.idempotencyKey])).toEqual([
      ['first part', 'telegram:bot:1:0'],
      ['second part', 'telegram:bot:1:1'],
    ]);
    expect(ids).toEqual(['m1', 'm2']);
    expect(await outbox.get('telegram:bot:1:0')).toMatchObject({ status: 'sent', messageId: 'm1' });
  });

  it('never sends a chunk recorded as sent', async () => {
    const outbox = await outboxWithChunkInFlight();
    await outbox.sent('telegram:bot:1:0', 'earlier');
    const { adapter, sent } = recordingAdapter(true);
    expect(await deliver(adapter, outbox)).toEqual(['earlier', 'm1']);
    expect(sent.map((message) => message.text)).toEqual(['second part']);
  });
});
