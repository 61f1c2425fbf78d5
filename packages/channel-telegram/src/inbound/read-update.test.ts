import { describe, expect, it } from 'vitest';
import { groupMessage, privateMessage } from '../testing/telegram-fixtures.js';
import { readUpdate } from './read-update.js';

const bot = { id: 7_000_001, username: 'downcity_test_bot' };

function message(update: Record<string, unknown>) {
  const reading = readUpdate({ update_id: 1, ...update }, { bot });
  if (reading.kind !== 'message') throw new Error(`expected a message, got skip: ${reading.reason}`);
  return reading.message;
}

describe('readUpdate', () => {
  it('normalizes a private text message', () => {
    const inbound = message(privateMessage({ text: 'hello there' }, 5));
    expect(inbound).toEqual({
      channel: 'telegram',
      account: '7000001',
      messageId: '4242:11',
      chat: { id: '4242', type: 'direct' },
      sender: { id: '4242', displayName: 'Alice Liddell', isBot: false },
      text: 'hello there',
      attachments: [],
      mentions: { self: false, userIds: [] },
      sentAt: 1_760_000_000_000,
      extra: { updateId: 5, telegramMessageId: 11, chatType: 'private' },
    });
  });

  it('marks a leading @mention of the bot and strips it from the text', () => {
    const inbound = message(groupMessage({ text: '@Downcity_Test_Bot, what is 2+2?', entities: [{ type: 'mention', offset: 0, length: 18 }] }, 6));
    expect(inbound.chat).toEqual({ id: '-1001234567890', type: 'group', title: 'Wonderland' });
    expect(inbound.mentions.self).toBe(true);
    expect(inbound.text).toBe('what is 2+2?');
  });

  it('keeps a mention in the middle of the text and measures offsets in UTF-16 units', () => {
    const text = '😀 hi @downcity_test_bot';
    const inbound = message(groupMessage({ text, entities: [{ type: 'mention', offset: 6, length: 18 }] }));
    expect(inbound.mentions.self).toBe(true);
    expect(inbound.text).toBe(text);
  });

  it('does not treat a mention of someone else as a mention of the bot, and lists text mentions', () => {
    const inbound = message(groupMessage({ text: '@other_bot and Bob', entities: [{ type: 'mention', offset: 0, length: 10 }, { type: 'text_mention', offset: 15, length: 3, user: { id: 99, is_bot: false, first_name: 'Bob' } }] }));
    expect(inbound.mentions).toEqual({ self: false, userIds: ['99'] });
    expect(inbound.text).toBe('@other_bot and Bob');
  });

  it('shortens /command@bot to /command and counts it as a mention', () => {
    const inbound = message(groupMessage({ text: '/start@downcity_test_bot now', entities: [{ type: 'bot_command', offset: 0, length: 24 }] }));
    expect(inbound.mentions.self).toBe(true);
    expect(inbound.text).toBe('/start now');
  });

  it('counts a reply to one of the bot\'s messages as a mention', () => {
    const inbound = message(groupMessage({ text: 'and then?', reply_to_message: { message_id: 30, date: 1, chat: { id: -1001234567890, type: 'supergroup' }, from: { id: bot.id, is_bot: true, first_name: 'Downcity' }, text: 'Once upon a time' } }));
    expect(inbound.mentions.self).toBe(true);
    expect(inbound.replyTo).toEqual({ messageId: '-1001234567890:30', fromSelf: true, text: 'Once upon a time' });
  });

  it('maps forum topics to threadId and ignores the implicit reply to the topic creation message', () => {
    const inbound = message(groupMessage({
      text: 'in a topic',
      message_thread_id: 77,
      is_topic_message: true,
      reply_to_message: { message_id: 77, date: 1, chat: { id: -1001234567890, type: 'supergroup' }, from: { id: bot.id, is_bot: true, first_name: 'Downcity' }, forum_topic_created: { name: 'Support', icon_color: 1 } },
    }));
    expect(inbound.chat.threadId).toBe('77');
    expect(inbound.replyTo).toBeUndefined();
    expect(inbound.mentions.self).toBe(false);
  });

  it('turns a voice note into a voice attachment with OGG type and duration', () => {
    const inbound = message(privateMessage({ voice: { file_id: 'voice-1', file_unique_id: 'v1', duration: 3, mime_type: 'audio/ogg', file_size: 1234 } }));
    expect(inbound.text).toBe('');
    expect(inbound.attachments).toEqual([{ kind: 'voice', id: 'voice-1', mimeType: 'audio/ogg', size: 1234, durationSeconds: 3 }]);
  });

  it('keeps the largest photo size and uses the caption as text', () => {
    const inbound = message(privateMessage({
      caption: 'look @downcity_test_bot',
      caption_entities: [{ type: 'mention', offset: 5, length: 18 }],
      photo: [
        { file_id: 'small', file_unique_id: 's', width: 90, height: 60, file_size: 900 },
        { file_id: 'large', file_unique_id: 'l', width: 1280, height: 853, file_size: 90_000 },
        { file_id: 'medium', file_unique_id: 'm', width: 320, height: 213, file_size: 9000 },
      ],
    }));
    expect(inbound.text).toBe('look @downcity_test_bot');
    expect(inbound.mentions.self).toBe(true);
    expect(inbound.attachments).toEqual([{ kind: 'image', id: 'large', mimeType: 'image/jpeg', size: 90_000 }]);
  });

  it('reads audio files and documents', () => {
    const inbound = message(privateMessage({
      audio: { file_id: 'a-1', file_unique_id: 'a', duration: 180, mime_type: 'audio/mpeg', file_name: 'song.mp3' },
      document: { file_id: 'd-1', file_unique_id: 'd', mime_type: 'application/pdf', file_name: 'paper.pdf' },
    }));
    expect(inbound.attachments).toEqual([
      { kind: 'audio', id: 'a-1', mimeType: 'audio/mpeg', fileName: 'song.mp3', durationSeconds: 180 },
      { kind: 'file', id: 'd-1', mimeType: 'application/pdf', fileName: 'paper.pdf' },
    ]);
  });

  it('uses the chat as sender for messages sent on behalf of a chat', () => {
    const inbound = message(groupMessage({ text: 'announcement', from: { id: 1087968824, is_bot: true, first_name: 'Group' }, sender_chat: { id: -1001234567890, type: 'supergroup', title: 'Wonderland' } }));
    expect(inbound.sender).toEqual({ id: '-1001234567890', displayName: 'Wonderland', isBot: false });
  });

  it('skips updates it does not handle without throwing', () => {
    expect(readUpdate({ update_id: 1, callback_query: { id: 'x' } }, { bot })).toMatchObject({ kind: 'skip', updateId: 1, malformed: false });
    expect(readUpdate({ update_id: 2, message: { message_id: 1, date: 1, chat: { id: 1, type: 'channel' }, text: 'x' } }, { bot })).toMatchObject({ kind: 'skip', malformed: false });
    expect(readUpdate(privateMessage({ sticker: { file_id: 's' } }, 3), { bot })).toMatchObject({ kind: 'skip', updateId: 3, malformed: false });
    expect(readUpdate({ update_id: 4, message: 'garbage' }, { bot })).toMatchObject({ kind: 'skip', updateId: 4, malformed: true });
    expect(readUpdate({ update_id: 5, message: { message_id: 'x', chat: null } }, { bot })).toMatchObject({ kind: 'skip', updateId: 5, malformed: true });
    expect(readUpdate(null, { bot })).toMatchObject({ kind: 'skip', updateId: undefined, malformed: true });
    expect(readUpdate('{"update_id":1}', { bot })).toMatchObject({ kind: 'skip', malformed: true });
  });
});
