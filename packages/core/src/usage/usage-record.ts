import type { JsonObject } from '../store/store.js';
import type { TokenCounts } from './token-counts.js';

/** The store collection holding one {@link UsageRecord} per model step. */
export const USAGE_COLLECTION = 'agent:usage';

/** The principal key of a step run without a principal (a task or host-app turn). */
export const NO_PRINCIPAL = '-';

/**
 * The token usage of one model step, as the usage ledger stores it (collection `agent:usage`).
 * Its id is `<day>/<principal>/<turnId>/<step>`, so a principal's day and a whole day are id-prefix reads.
 */
export interface UsageRecord extends JsonObject, TokenCounts {
  /** The session the step ran in. */
  sessionId: string;
  /** The turn: one `session.turn()` call. */
  turnId: string;
  /** The step's number within the turn, from 1. */
  step: number;
  /** On whose behalf the turn ran (`-` when no principal). */
  principalId: string;
  /** The UTC day the step finished, `YYYY-MM-DD`. */
  day: string;
  /** When the step finished, epoch milliseconds. */
  at: number;
  /** The model that ran the step, `<provider>:<modelId>`. */
  model: string;
  /** The step's cost in `currency` from the price table at the time, or `null` when the model had no price. */
  cost: number | null;
  /** The currency of `cost`. */
  currency: string;
}

/** The UTC day of a time, `YYYY-MM-DD`. */
export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** The id prefix of a day's records, or of one principal's records on that day. */
export const usagePrefix = (day: string, principalId?: string): string =>
  principalId === undefined ? `${day}/` : `${day}/${encodeURIComponent(principalId)}/`;

/** The id of a step's record. */
export const usageRecordId = (record: Pick<UsageRecord, 'day' | 'principalId' | 'turnId' | 'step'>): string =>
  `${usagePrefix(record.day, record.principalId)}${record.turnId}/${String(record.step).padStart(3, '0')}`;
