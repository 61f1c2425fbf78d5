/**
 * `@downcity/channel-telegram/test`: a loopback fake of the Telegram Bot API for testing bots without Telegram:
 * point the channel's `apiRoot` at {@link FakeTelegram.apiRoot}, push updates (long polling) or post them to
 * the webhook, and read what the bot sent.
 *
 * @packageDocumentation
 */
export { FakeTelegram, type FakeBot, type FakeFailure, type FakeFile, type RecordedCall, type SentRecord } from './testing/fake-telegram.js';
export type { FakeUploadedFile } from './testing/fake-telegram-request.js';
export type { FakeEntity } from './testing/fake-telegram-html.js';
