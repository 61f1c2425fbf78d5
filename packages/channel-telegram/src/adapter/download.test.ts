import { randomBytes } from 'node:crypto';
import { DowncityError } from '@downcity/core';
import { afterEach, describe, expect, it } from 'vitest';
import { privateMessage, recordingSink, startHarness, TEST_TOKEN, type TelegramHarness } from '../testing/telegram-fixtures.js';

let harness: TelegramHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The start of a real OGG/Opus file ("OggS" capture pattern, "OpusHead"), then noise. */
function oggOpusBytes(): Uint8Array {
  const header = Buffer.from('OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00OpusHead', 'latin1');
  return new Uint8Array(Buffer.concat([header, randomBytes(4000)]));
}

describe('voice and audio', () => {
  it('hands a voice note over as a voice attachment whose download returns the exact bytes', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    const bytes = oggOpusBytes();
    fake.addFile({ fileId: 'AwACAgIAAxkBAAIBZ2voice', filePath: 'voice/file_7.oga', bytes });
    const sink = recordingSink();
    await adapter.connect(sink);
    fake.pushUpdate(privateMessage({ message_id: 21, voice: { file_id: 'AwACAgIAAxkBAAIBZ2voice', file_unique_id: 'AgADZ2', duration: 4, mime_type: 'audio/ogg', file_size: bytes.length } }));
    await fake.waitFor(() => sink.stored.length === 1);
    const [attachment] = sink.stored[0]?.attachments ?? [];
    expect(attachment).toEqual({ kind: 'voice', id: 'AwACAgIAAxkBAAIBZ2voice', mimeType: 'audio/ogg', size: bytes.length, durationSeconds: 4 });
    expect(sink.stored[0]?.text).toBe('');

    const downloaded = await adapter.download(attachment!);
    expect(Buffer.from(downloaded).equals(Buffer.from(bytes))).toBe(true);
    expect(fake.callsOf('getFile')[0]?.params).toEqual({ file_id: 'AwACAgIAAxkBAAIBZ2voice' });
    expect(fake.downloads).toEqual(['voice/file_7.oga']);
  });

  it('downloads an audio file sent with a caption', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    const bytes = new Uint8Array(randomBytes(10_000));
    fake.addFile({ fileId: 'audio-1', filePath: 'music/file 8.mp3', bytes });
    const sink = recordingSink();
    await adapter.connect(sink);
    fake.pushUpdate(privateMessage({ caption: 'what song is this?', audio: { file_id: 'audio-1', file_unique_id: 'a1', duration: 200, mime_type: 'audio/mpeg', file_name: 'song.mp3' } }));
    await fake.waitFor(() => sink.stored.length === 1);
    const message = sink.stored[0];
    expect(message?.text).toBe('what song is this?');
    expect(message?.attachments[0]).toMatchObject({ kind: 'audio', mimeType: 'audio/mpeg', fileName: 'song.mp3', durationSeconds: 200 });
    expect(Buffer.from(await adapter.download(message!.attachments[0]!)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('fails a download of an unknown file with an error that does not reveal the token', async () => {
    harness = await startHarness();
    const { adapter } = harness;
    await adapter.connect(recordingSink());
    const error = await adapter.download({ kind: 'voice', id: 'expired' }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error, 'INPUT_INVALID')).toBe(true);
    expect((error as Error).message).toContain('invalid file_id');
    expect((error as Error).message).not.toContain(TEST_TOKEN);
  });

  it('fails cleanly when the file endpoint answers 404 (link expired)', async () => {
    harness = await startHarness();
    const { fake, adapter } = harness;
    fake.addFile({ fileId: 'expiring', filePath: 'voice/expiring.oga', bytes: new Uint8Array([1, 2, 3]), expired: true });
    await adapter.connect(recordingSink());
    const error = await adapter.download({ kind: 'voice', id: 'expiring' }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error, 'INPUT_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/answered 404/);
    expect((error as Error).message).not.toContain(TEST_TOKEN);
  });
});
