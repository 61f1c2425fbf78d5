import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseTelegramHtml, type FakeEntity } from './fake-telegram-html.js';
import { readFakeRequest, type FakeRequestBody, type FakeUploadedFile } from './fake-telegram-request.js';

/**
 * A loopback fake of the Telegram Bot API (https://core.telegram.org/bots/api), built from its
 * documented wire format: `POST <apiRoot>/bot<token>/<method>` with JSON or multipart parameters,
 * answers `{ ok: true, result }` or `{ ok: false, error_code, description, parameters }`, files at
 * `<apiRoot>/file/bot<token>/<file_path>`, `getUpdates` long polling with offset confirmation.
 */

/** The bot the fake pretends to be. */
export interface FakeBot {
  /** Bot user id. */
  id: number;
  /** Username without `@`. */
  username: string;
  /** Display name. */
  first_name: string;
}

/** One recorded Bot API call. */
export interface RecordedCall {
  /** Method name, e.g. `sendMessage`. */
  method: string;
  /** Parameters. */
  params: Record<string, unknown>;
  /** Uploaded files. */
  files: Record<string, FakeUploadedFile>;
  /** `performance.now()` when the request arrived. */
  at: number;
}

/** A message the bot sent, as a user would see it. */
export interface SentRecord {
  /** Method used. */
  method: string;
  /** Target chat. */
  chatId: string;
  /** Message id the fake assigned. */
  messageId: number;
  /** Visible text (after HTML parsing) or caption. */
  text?: string;
  /** The text parameter exactly as sent. */
  rawText?: string;
  /** `parse_mode`, when given. */
  parseMode?: string;
  /** Entities derived from HTML. */
  entities?: FakeEntity[];
  /** `message_thread_id`, when given. */
  threadId?: number;
  /** `reply_parameters.message_id` (or legacy `reply_to_message_id`). */
  replyToMessageId?: number;
  /** An uploaded file. */
  file?: FakeUploadedFile;
}

/** A scripted failure for the next call of a method. */
export type FakeFailure =
  | { kind: 'error'; status: number; description: string; retryAfter?: number }
  | { kind: 'http'; status: number; body: string }
  | { kind: 'drop' };

/** A file the fake serves through `getFile` and the file endpoint. */
export interface FakeFile {
  /** Telegram file_id. */
  fileId: string;
  /** file_path returned by getFile. */
  filePath: string;
  /** Bytes. */
  bytes: Uint8Array;
  /** When true, `getFile` answers but the download link gives 404, like an expired link. */
  expired?: boolean;
}

interface Waiter {
  wake(): void;
  conflict(): void;
}

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;
const CHAT_ACTIONS = new Set(['typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note']);

/** A running fake Bot API server. */
export class FakeTelegram {
  /** Calls in arrival order. */
  readonly calls: RecordedCall[] = [];
  /** Messages the bot sent. */
  readonly sent: SentRecord[] = [];
  /** The webhook set with `setWebhook`, if any. */
  webhook: { url: string; secretToken?: string; allowedUpdates?: unknown } | undefined;
  /** File downloads served, by file_path. */
  readonly downloads: string[] = [];

  private readonly queue: { id: number; payload: unknown }[] = [];
  private nextUpdateId = 100_000;
  private readonly failures = new Map<string, FakeFailure[]>();
  private readonly files = new Map<string, FakeFile>();
  private readonly messageIds = new Map<string, number>();
  private waiter: Waiter | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    /** The token the fake accepts; others get 401. */
    readonly token: string,
    /** The bot. */
    readonly bot: FakeBot,
    /** Base URL to configure as `apiRoot`. */
    readonly apiRoot: string,
  ) {}

  /** Starts a fake on 127.0.0.1 with a free port. */
  static async start(options: { token: string; bot?: Partial<FakeBot> }): Promise<FakeTelegram> {
    let fake: FakeTelegram | undefined;
    const server = createServer((request, response) => {
      fake?.route(request, response).catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    fake = new FakeTelegram(server, options.token, { id: 7_000_001, username: 'downcity_test_bot', first_name: 'Downcity', ...options.bot }, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** Queues an update (assigning `update_id` when missing) and wakes a waiting `getUpdates`. Returns its id. */
  pushUpdate(update: Record<string, unknown>): number {
    const id = typeof update.update_id === 'number' ? update.update_id : this.nextUpdateId++;
    this.nextUpdateId = Math.max(this.nextUpdateId, id + 1);
    this.queue.push({ id, payload: { ...update, update_id: id } });
    this.waiter?.wake();
    return id;
  }

  /** Ids of updates not yet confirmed by a `getUpdates` offset. */
  pendingUpdateIds(): number[] {
    return this.queue.map((entry) => entry.id);
  }

  /** Serves a file through `getFile` and `/file/bot<token>/<file_path>`. */
  addFile(file: FakeFile): void {
    this.files.set(file.fileId, file);
  }

  /** Makes the next calls of `method` fail, one failure per call. */
  failNext(method: string, ...failures: FakeFailure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** Calls of one method. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Waits until `condition` holds (polling every 10 ms). */
  async waitFor(condition: () => boolean, timeoutMs = 4000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!condition()) {
      if (performance.now() > deadline) throw new Error('FakeTelegram.waitFor timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Stops the server and every pending long poll. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiter?.wake();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.apiRoot);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.serveFile(file[1] ?? '', decodeURIComponent(file[2] ?? ''), response);
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!call) return sendJson(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (call[1] !== this.token) return sendJson(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = call[2] ?? '';
    const body = await readFakeRequest(request, url);
    this.calls.push({ method, params: body.params, files: body.files, at: performance.now() });
    const failure = this.failures.get(method)?.shift();
    if (failure) return this.fail(failure, request, response);
    return this.dispatch(method, body, request, response);
  }

  private fail(failure: FakeFailure, request: IncomingMessage, response: ServerResponse): void {
    if (failure.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    if (failure.kind === 'http') {
      response.writeHead(failure.status, { 'content-type': 'text/html' });
      response.end(failure.body);
      return;
    }
    const parameters = failure.retryAfter === undefined ? undefined : { retry_after: failure.retryAfter };
    sendJson(response, failure.status, { ok: false, error_code: failure.status, description: failure.description, ...(parameters ? { parameters } : {}) });
  }

  private async dispatch(method: string, body: FakeRequestBody, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const params = body.params;
    switch (method) {
      case 'getMe':
        return ok(response, { ...this.bot, is_bot: true, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'getUpdates':
        return this.getUpdates(params, request, response);
      case 'setWebhook': {
        const url = String(params.url ?? '');
        const secretToken = params.secret_token === undefined ? undefined : String(params.secret_token);
        if (secretToken !== undefined && !SECRET_TOKEN.test(secretToken)) return badRequest(response, 'Bad Request: secret token contains unallowed characters');
        this.webhook = url === '' ? undefined : { url, ...(secretToken ? { secretToken } : {}), allowedUpdates: params.allowed_updates };
        if (params.drop_pending_updates === true) this.queue.length = 0;
        return ok(response, true);
      }
      case 'deleteWebhook':
        this.webhook = undefined;
        if (params.drop_pending_updates === true) this.queue.length = 0;
        return ok(response, true);
      case 'getWebhookInfo':
        return ok(response, { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.queue.length });
      case 'sendMessage':
        return this.sendMessage(params, response);
      case 'sendChatAction':
        if (!params.chat_id) return badRequest(response, 'Bad Request: chat_id is empty');
        if (!CHAT_ACTIONS.has(String(params.action))) return badRequest(response, 'Bad Request: wrong parameter action in request');
        return ok(response, true);
      case 'getFile': {
        const file = this.files.get(String(params.file_id ?? ''));
        if (!file) return badRequest(response, 'Bad Request: invalid file_id');
        return ok(response, { file_id: file.fileId, file_unique_id: `u-${file.fileId}`, file_size: file.bytes.length, file_path: file.filePath });
      }
      case 'sendPhoto':
      case 'sendAudio':
      case 'sendDocument':
      case 'sendVoice':
        return this.sendFile(method, body, response);
      default:
        return sendJson(response, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  private getUpdates(params: Record<string, unknown>, request: IncomingMessage, response: ServerResponse): void {
    if (this.webhook) return sendJson(response, 409, { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" });
    const offset = params.offset === undefined ? undefined : Number(params.offset);
    if (offset !== undefined && offset > 0) {
      while (this.queue.length > 0 && (this.queue[0]?.id ?? 0) < offset) this.queue.shift();
    }
    const limit = params.limit === undefined ? 100 : Number(params.limit);
    const timeoutSeconds = params.timeout === undefined ? 0 : Number(params.timeout);
    const answer = (): void => ok(response, this.queue.slice(0, limit).map((entry) => entry.payload));
    if (this.queue.length > 0 || timeoutSeconds <= 0) return answer();
    this.waiter?.conflict();
    const finish = (respond: () => void): void => {
      clearTimeout(timer);
      this.timers.delete(timer);
      if (this.waiter === waiter) this.waiter = undefined;
      request.off('close', onClose);
      response.off('close', onClose);
      if (!response.writableEnded && !response.destroyed) respond();
    };
    const waiter: Waiter = {
      wake: () => finish(answer),
      conflict: () => finish(() => sendJson(response, 409, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' })),
    };
    const onClose = (): void => finish(() => undefined);
    const timer = setTimeout(() => finish(answer), timeoutSeconds * 1000);
    this.timers.add(timer);
    this.waiter = waiter;
    response.on('close', onClose);
  }

  private sendMessage(params: Record<string, unknown>, response: ServerResponse): void {
    const chatId = params.chat_id === undefined ? '' : String(params.chat_id);
    if (chatId === '') return badRequest(response, 'Bad Request: chat_id is empty');
    const rawText = typeof params.text === 'string' ? params.text : '';
    let text = rawText;
    let entities: FakeEntity[] | undefined;
    if (params.parse_mode !== undefined) {
      if (String(params.parse_mode).toUpperCase() !== 'HTML') return badRequest(response, 'Bad Request: unsupported parse_mode in the fake');
      const parsed = parseTelegramHtml(rawText);
      if (!parsed.ok) return badRequest(response, parsed.error);
      text = parsed.text;
      entities = parsed.entities;
    }
    if (text.trim() === '') return badRequest(response, 'Bad Request: message text is empty');
    if (text.length > 4096) return badRequest(response, 'Bad Request: message is too long');
    const record = this.record('sendMessage', chatId, params, { text, rawText, ...(entities ? { entities } : {}) });
    ok(response, { message_id: record.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'private' }, from: { ...this.bot, is_bot: true }, text });
  }

  private sendFile(method: string, body: FakeRequestBody, response: ServerResponse): void {
    const field = { sendPhoto: 'photo', sendAudio: 'audio', sendDocument: 'document', sendVoice: 'voice' }[method] ?? 'document';
    const chatId = body.params.chat_id === undefined ? '' : String(body.params.chat_id);
    if (chatId === '') return badRequest(response, 'Bad Request: chat_id is empty');
    const reference = String(body.params[field] ?? '');
    const file = reference.startsWith('attach://') ? body.files[reference.slice('attach://'.length)] : undefined;
    if (!file) return badRequest(response, `Bad Request: there is no ${field} in the request`);
    const record = this.record(method, chatId, body.params, { file, ...(typeof body.params.caption === 'string' ? { text: body.params.caption } : {}) });
    const fileObject = { file_id: `sent-${record.messageId}`, file_unique_id: `sent-u-${record.messageId}`, file_size: file.bytes.length };
    const media = field === 'photo' ? [{ ...fileObject, width: 1, height: 1 }] : fileObject;
    ok(response, { message_id: record.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'private' }, [field]: media });
  }

  private record(method: string, chatId: string, params: Record<string, unknown>, fields: Partial<SentRecord>): SentRecord {
    const messageId = (this.messageIds.get(chatId) ?? 500) + 1;
    this.messageIds.set(chatId, messageId);
    const record: SentRecord = { method, chatId, messageId, ...fields };
    if (params.parse_mode !== undefined) record.parseMode = String(params.parse_mode);
    if (params.message_thread_id !== undefined) record.threadId = Number(params.message_thread_id);
    const replyTo = (params.reply_parameters as { message_id?: unknown } | undefined)?.message_id ?? params.reply_to_message_id;
    if (replyTo !== undefined) record.replyToMessageId = Number(replyTo);
    this.sent.push(record);
    return record;
  }

  private serveFile(token: string, filePath: string, response: ServerResponse): void {
    const file = [...this.files.values()].find((candidate) => candidate.filePath === filePath);
    if (token !== this.token || !file || file.expired) return sendJson(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
    this.downloads.push(filePath);
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length) });
    response.end(Buffer.from(file.bytes));
  }
}

function ok(response: ServerResponse, result: unknown): void {
  sendJson(response, 200, { ok: true, result });
}

function badRequest(response: ServerResponse, description: string): void {
  sendJson(response, 400, { ok: false, error_code: 400, description });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}
