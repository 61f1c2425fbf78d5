import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type { JsonObject, NewMessage, Store, StoredMessage } from '../store/store.js';
import { budgetVerdict, type BudgetVerdict } from './usage-budget.js';
import { NO_PRINCIPAL, USAGE_COLLECTION, dayOf, usagePrefix, usageRecordId, type UsageRecord } from './usage-record.js';
import { stepCost } from './step-cost.js';
import type { UsageSettings } from './usage-settings.js';
import { sumUsage, type UsageTotals } from './usage-totals.js';

/** A step's token counts as the model loop reports them; what the provider did not report is missing. */
export interface StepTokens {
  /** Prompt tokens, cached ones included. */
  inputTokens?: number;
  /** Completion tokens, reasoning ones included. */
  outputTokens?: number;
  /** Prompt tokens read from the prompt cache. */
  cachedInputTokens?: number;
  /** Reasoning tokens. */
  reasoningTokens?: number;
}

/** One finished step to record. */
export interface StepUsage {
  /** The session. */
  sessionId: string;
  /** The turn's id. */
  turnId: string;
  /** The step's number within the turn, from 1. */
  step: number;
  /** On whose behalf, when known. */
  principalId?: string;
  /** The model that ran the step, `<provider>:<modelId>`. */
  model: string;
  /** The step's tokens. */
  tokens: StepTokens;
}

/** How usage is grouped in a {@link UsageReport}. */
export type UsageGroupBy = 'session' | 'principal' | 'day' | 'model' | 'turn';

/** What {@link UsageLedger.report} reads. */
export interface UsageQuery {
  /** The first UTC day, `YYYY-MM-DD`, included. */
  since: string;
  /** The last UTC day, `YYYY-MM-DD`, included. */
  until: string;
  /** How to group (default `day`). */
  groupBy?: UsageGroupBy;
  /** Only this session. */
  sessionId?: string;
  /** Only this principal. */
  principalId?: string;
}

/** Usage grouped over a range of days. */
export interface UsageReport {
  /** The currency of every cost. */
  currency: string;
  /** The first day, included. */
  since: string;
  /** The last day, included. */
  until: string;
  /** The grouping. */
  groupBy: UsageGroupBy;
  /** One row per group, largest total tokens first. */
  groups: (UsageTotals & { key: string })[];
  /** Everything in the range. */
  total: UsageTotals;
  /** Set when a day held more steps than one read returns ({@link MAX_STEPS_PER_DAY}); the sums are then too low. */
  truncated: boolean;
}

/** The most step records one day read returns. */
export const MAX_STEPS_PER_DAY = 100_000;
/** The longest range a report reads. */
export const MAX_REPORT_DAYS = 366;

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(day: string, what: string): number {
  const at = DAY.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(at) || dayOf(at) !== day) throw new DowncityError(ErrorCodes.INPUT_INVALID, `${what} must be a UTC day as YYYY-MM-DD, e.g. 2026-01-31 (got "${day}").`);
  return at;
}

const keyOf = (record: UsageRecord, groupBy: UsageGroupBy): string =>
  groupBy === 'session' ? record.sessionId : groupBy === 'principal' ? record.principalId : groupBy === 'model' ? record.model : groupBy === 'turn' ? `${record.sessionId}#${record.turnId}` : record.day;

const whole = (value: number | undefined): number => (value === undefined || !Number.isFinite(value) ? 0 : Math.max(0, Math.round(value)));

/**
 * The usage ledger: one record per model step in the store collection `agent:usage`, written in the same
 * atomic batch as the step's messages, so a step is stored with its usage or not at all. Reads are id-prefix
 * ranges (`<day>/` and `<day>/<principal>/`), so a budget check reads one principal's day only.
 */
export class UsageLedger {
  readonly #store: Store;
  readonly #now: () => number;
  /** The usage settings in force. */
  readonly settings: UsageSettings;

  /** Creates a ledger over the agent's store; `now` is the clock (default `Date.now`). */
  constructor(options: { store: Store; settings: UsageSettings; now?: () => number }) {
    this.#store = options.store;
    this.settings = options.settings;
    this.#now = options.now ?? Date.now;
  }

  /** The current time of the ledger's clock, epoch milliseconds. */
  now(): number {
    return this.#now();
  }

  /** The record of a finished step, with its cost from the price table (`null` without a price). */
  recordOf(step: StepUsage): UsageRecord {
    const at = this.#now();
    const inputTokens = whole(step.tokens.inputTokens);
    const outputTokens = whole(step.tokens.outputTokens);
    const tokens = { inputTokens, outputTokens, cachedInputTokens: whole(step.tokens.cachedInputTokens), reasoningTokens: whole(step.tokens.reasoningTokens) };
    const cost = stepCost(tokens, this.settings.prices[step.model]);
    return {
      sessionId: step.sessionId,
      turnId: step.turnId,
      step: step.step,
      principalId: step.principalId ?? NO_PRINCIPAL,
      day: dayOf(at),
      at,
      model: step.model,
      ...tokens,
      totalTokens: inputTokens + outputTokens,
      cost: cost ?? null,
      currency: this.settings.currency,
    };
  }

  /**
   * Appends a step's messages and its usage record in one atomic batch and returns the stored messages. The
   * first message's `metadata.usage` gets the cached and reasoning tokens and the cost (when priced), and
   * `metadata.model` the model. The caller holds the session's exclusive lock (the stored messages are read back).
   */
  async appendStep(messages: NewMessage[], step: StepUsage): Promise<StoredMessage[]> {
    const record = this.recordOf(step);
    const batch = messages.map((message, index) => (index === 0 ? { ...message, metadata: { ...message.metadata, ...this.#messageUsage(record, message.metadata) } } : message));
    await this.#store.batch([
      { type: 'message.append', sessionId: step.sessionId, messages: batch },
      { type: 'collection.put', collection: USAGE_COLLECTION, id: usageRecordId(record), value: record },
    ]);
    return this.#store.messages.tail(step.sessionId, { limit: batch.length });
  }

  #messageUsage(record: UsageRecord, metadata: JsonObject | undefined): JsonObject {
    const reported = typeof metadata?.usage === 'object' && metadata.usage !== null && !Array.isArray(metadata.usage) ? metadata.usage : {};
    return {
      model: typeof metadata?.model === 'string' ? metadata.model : record.model,
      usage: {
        ...reported,
        ...(record.cachedInputTokens > 0 ? { cachedInputTokens: record.cachedInputTokens } : {}),
        ...(record.reasoningTokens > 0 ? { reasoningTokens: record.reasoningTokens } : {}),
        ...(record.cost === null ? {} : { cost: record.cost, currency: record.currency }),
      },
    };
  }

  /** The records of one UTC day, optionally one principal's only. */
  async day(day: string, principalId?: string): Promise<{ records: UsageRecord[]; truncated: boolean }> {
    const entries = await this.#store.collection<UsageRecord>(USAGE_COLLECTION).list({ idPrefix: usagePrefix(day, principalId), limit: MAX_STEPS_PER_DAY });
    return { records: entries.map((entry) => entry.value), truncated: entries.length >= MAX_STEPS_PER_DAY };
  }

  /** A principal's usage on a UTC day (default: today by the ledger's clock). */
  async principalDay(principalId: string, day = dayOf(this.#now())): Promise<UsageTotals> {
    return sumUsage((await this.day(day, principalId)).records);
  }

  /** Whether the principal may start a turn now, by its daily budget. Always allowed without a budget. */
  async check(principalId: string | undefined): Promise<BudgetVerdict> {
    if (principalId === undefined) return { allowed: true };
    const budgets = this.settings.budgets;
    if (!budgets.perPrincipalDaily && Object.keys(budgets.byPrincipal).length === 0) return { allowed: true };
    const now = this.#now();
    return budgetVerdict({ settings: this.settings, principalId, today: await this.principalDay(principalId, dayOf(now)), now });
  }

  /**
   * Throws `BUDGET_EXCEEDED` (its message is the reply for the user) when the principal is past its daily budget.
   *
   * @throws `DowncityError` `BUDGET_EXCEEDED`.
   */
  async enforce(principalId: string | undefined): Promise<void> {
    const verdict = await this.check(principalId);
    if (verdict.allowed) return;
    throw new DowncityError(ErrorCodes.BUDGET_EXCEEDED, verdict.reply, { details: { principalId: principalId ?? null, reason: verdict.reason, resetsAt: verdict.resetsAt } });
  }

  /** Usage over a range of UTC days, grouped by session, principal, day, model or turn. */
  async report(query: UsageQuery): Promise<UsageReport> {
    const groupBy = query.groupBy ?? 'day';
    const since = parseDay(query.since, 'since');
    const until = parseDay(query.until, 'until');
    if (until < since) throw new DowncityError(ErrorCodes.INPUT_INVALID, `until (${query.until}) is before since (${query.since}).`);
    if ((until - since) / DAY_MS + 1 > MAX_REPORT_DAYS) throw new DowncityError(ErrorCodes.INPUT_INVALID, `A usage report covers at most ${MAX_REPORT_DAYS} days; narrow since/until.`);
    const groups = new Map<string, UsageRecord[]>();
    const all: UsageRecord[] = [];
    let truncated = false;
    for (let at = since; at <= until; at += DAY_MS) {
      const read = await this.day(dayOf(at), query.principalId);
      truncated ||= read.truncated;
      for (const record of read.records) {
        if (query.sessionId !== undefined && record.sessionId !== query.sessionId) continue;
        all.push(record);
        const key = keyOf(record, groupBy);
        const group = groups.get(key);
        if (group) group.push(record);
        else groups.set(key, [record]);
      }
    }
    const rows = [...groups].map(([key, records]) => ({ key, ...sumUsage(records) }));
    rows.sort((left, right) => (groupBy === 'day' ? left.key.localeCompare(right.key) : right.totalTokens - left.totalTokens || left.key.localeCompare(right.key)));
    return { currency: this.settings.currency, since: query.since, until: query.until, groupBy, groups: rows, total: sumUsage(all), truncated };
  }
}
