import type { ChatInbound, InboundAttachment } from '@downcity/chat';
import { createLogger, type HandlerCall } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { synthesizeSpeech } from '../../test/synthesize-speech.js';
import { AsrConfigSchema } from '../config.js';
import type { TranscriptionEngine } from '../engine/engine.js';
import { createInboundTranscriber } from './transcribe-inbound.js';

const config = AsrConfigSchema.parse({ engine: { kind: 'pocketsphinx' } });
const logger = createLogger({ level: 'silent' });
const call: HandlerCall = { signal: new AbortController().signal, point: 'chat/inbound' };

function countingEngine(text: string): TranscriptionEngine & { calls: number } {
  const engine = { name: 'fixed', calls: 0, transcribe: async () => ((engine.calls += 1), { text, engine: 'fixed' }) };
  return engine;
}

function inbound(attachments: InboundAttachment[], download: ChatInbound['download']): ChatInbound {
  return {
    message: {
      channel: 'test',
      account: 'bot',
      messageId: 'm1',
      chat: { id: 'c1', type: 'direct' },
      sender: { id: 'u1' },
      text: '',
      attachments,
      mentions: { self: false, userIds: [] },
      sentAt: 0,
      notes: [],
    },
    sessionId: 's1',
    principal: { id: 'test:u1' },
    download,
  };
}

describe('createInboundTranscriber', () => {
  it('transcribes the first voice attachment and notes that later ones were not', async () => {
    const audio = await synthesizeSpeech({ text: 'hello world', format: 'wav' });
    const engine = countingEngine('hello world');
    const handler = createInboundTranscriber({ engine, config, logger });
    const voice = (id: string): InboundAttachment => ({ kind: 'voice', id, mimeType: 'audio/wav' });
    const result = await handler(inbound([voice('a'), { kind: 'image', id: 'i' }, voice('b')], async () => audio), call);

    expect(result.message.transcript).toEqual({ text: 'hello world', engine: 'fixed', plausible: true });
    expect(result.message.notes).toEqual(['only the first of 2 voice messages was transcribed']);
    expect(result.message.attachments).toHaveLength(3);
    expect(engine.calls).toBe(1);
  });

  it('leaves messages without audio, or already transcribed, untouched', async () => {
    const engine = countingEngine('x');
    const handler = createInboundTranscriber({ engine, config, logger });
    const image = inbound([{ kind: 'image', id: 'i' }], async () => new Uint8Array());
    expect(await handler(image, call)).toBe(image);
    const done = inbound([{ kind: 'voice', id: 'v' }], async () => new Uint8Array());
    done.message.transcript = { text: 'earlier', engine: 'other', plausible: true };
    expect(await handler(done, call)).toBe(done);
    expect(engine.calls).toBe(0);
  });

  it('notes a failed download and keeps the message', async () => {
    const handler = createInboundTranscriber({ engine: countingEngine('x'), config, logger });
    const result = await handler(inbound([{ kind: 'audio', id: 'a' }], () => Promise.reject(new Error('403 from the platform'))), call);
    expect(result.message.transcript).toBeUndefined();
    expect(result.message.notes).toEqual(['voice message could not be transcribed: it could not be downloaded']);
  });

  it('refuses audio the channel says is too long, before downloading it', async () => {
    let downloaded = false;
    const handler = createInboundTranscriber({ engine: countingEngine('x'), config, logger });
    const result = await handler(inbound([{ kind: 'voice', id: 'v', durationSeconds: 900 }], async () => ((downloaded = true), new Uint8Array())), call);
    expect(result.message.notes).toEqual(['voice message could not be transcribed: it is too long (15 min; the limit is 5 min)']);
    expect(downloaded).toBe(false);
  });
});
