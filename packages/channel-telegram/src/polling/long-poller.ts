import type { Logger } from '@downcity/core';
import type { Api } from 'grammy';
import { describeFailure } from '../api/describe-failure.js';
import { grammySignal } from '../api/grammy-signal.js';
import { isTokenRejected, tokenRejectedError } from '../api/to-telegram-error.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { sleep } from './sleep.js';

/** The update types this channel asks Telegram for. */
export const ALLOWED_UPDATES = ['message'] as const;

/** How long the final offset confirmation on stop may take. */
const CONFIRM_TIMEOUT_MS = 5000;

/** What a {@link LongPoller} needs. */
export interface LongPollerOptions {
  /** The grammY client. */
  api: Api;
  /** Stores one raw update; rejects when storing failed. */
  handle: (update: unknown) => Promise<void>;
  /** Where failures are reported. */
  logger: Logger;
  /** `getUpdates` long-polling timeout in seconds. */
  timeoutSeconds: number;
  /** Delays after network errors, server errors and failed deliveries. */
  backoff: BackoffOptions;
}

/**
 * Long polling with `getUpdates`, acknowledging an update only after it was stored.
 *
 * Telegram confirms every update whose id is below the `offset` of the next `getUpdates` call
 * (https://core.telegram.org/bots/api#getupdates). The offset moves past an update only once
 * `handle` resolved for it; if `handle` rejects, the rest of the batch is left alone and the same
 * update is fetched again after a backoff. grammY's `bot.start()` is not used because it advances
 * past updates whose handler failed.
 */
export class LongPoller {
  private offset: number | undefined;
  private sentOffset: number | undefined;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;

  /** Creates a poller; call {@link LongPoller.start}. */
  constructor(private readonly options: LongPollerOptions) {}

  /** Starts polling in the background. */
  start(): void {
    if (this.running) return;
    this.controller = new AbortController();
    this.running = this.loop(this.controller.signal);
  }

  /** Stops polling, waits for an update being stored, and confirms the stored updates to Telegram. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running;
    this.running = undefined;
    this.controller = undefined;
    await this.confirm();
  }

  private async loop(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let updates: unknown[];
      try {
        const offset = this.offset;
        updates = await this.options.api.getUpdates({ ...(offset === undefined ? {} : { offset }), timeout: this.options.timeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] }, grammySignal(signal));
        this.sentOffset = offset;
      } catch (error) {
        if (signal.aborted) return;
        if (isTokenRejected(error)) {
          this.options.logger.error({ channel: 'telegram' }, `${tokenRejectedError(error).message} Polling stopped.`);
          return;
        }
        failures += 1;
        const delayMs = backoffDelay(failures, this.options.backoff);
        this.options.logger.warn({ failures, delayMs, reason: describeFailure(error) }, 'Telegram getUpdates failed; polling again after a delay');
        await sleep(delayMs, signal);
        continue;
      }
      failures = await this.handleBatch(updates, signal, failures);
    }
  }

  /** Handles a batch in order; returns the new failure count (0 after a fully stored batch). */
  private async handleBatch(updates: unknown[], signal: AbortSignal, failures: number): Promise<number> {
    for (const update of updates) {
      if (signal.aborted) return failures;
      try {
        await this.options.handle(update);
      } catch (error) {
        const count = failures + 1;
        const delayMs = backoffDelay(count, this.options.backoff);
        this.options.logger.warn({ updateId: updateIdOf(update), failures: count, delayMs, reason: error instanceof Error ? error.message : String(error) }, 'Storing a Telegram update failed; it stays unconfirmed and will be fetched again');
        await sleep(delayMs, signal);
        return count;
      }
      const id = updateIdOf(update);
      if (id !== undefined && (this.offset === undefined || id >= this.offset)) this.offset = id + 1;
    }
    return 0;
  }

  /** Tells Telegram about updates stored since the last `getUpdates`, so a restart does not fetch them again. */
  private async confirm(): Promise<void> {
    if (this.offset === undefined || this.offset === this.sentOffset) return;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), CONFIRM_TIMEOUT_MS);
    try {
      await this.options.api.getUpdates({ offset: this.offset, limit: 1, timeout: 0, allowed_updates: [...ALLOWED_UPDATES] }, grammySignal(controller.signal));
      this.sentOffset = this.offset;
    } catch (error) {
      this.options.logger.debug({ reason: describeFailure(error) }, 'Could not confirm the last Telegram updates; they will be fetched again and deduplicated');
    } finally {
      clearTimeout(timer);
    }
  }
}

function updateIdOf(update: unknown): number | undefined {
  if (typeof update !== 'object' || update === null || !('update_id' in update)) return undefined;
  const id = (update as { update_id: unknown }).update_id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
}
