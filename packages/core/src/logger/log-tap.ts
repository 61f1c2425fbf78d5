import { redactSecretKeys } from '../secrets/secret-keys.js';
import { redactSecrets } from '../secrets/secret-registry.js';
import type { JsonObject } from '../store/store.js';
import type { LogLevel } from './logger.js';

/** The levels a log tap records, least to most severe. */
export type TappedLevel = Exclude<LogLevel, 'silent'>;

const SEVERITY: Record<TappedLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** Whether `level` is at least as severe as `minimum`. */
export function atLeast(level: TappedLevel, minimum: TappedLevel): boolean {
  return SEVERITY[level] >= SEVERITY[minimum];
}

/** Whether a string names a level a tap records. */
export function isTappedLevel(value: unknown): value is TappedLevel {
  return typeof value === 'string' && value in SEVERITY;
}

/** One log line as a {@link LogTap} keeps it: redacted exactly like the log output, plain JSON. */
export interface LogRecord {
  /** Increases by one per line, from 1; a reader that missed lines sees the gap. */
  seq: number;
  /** When it was logged, epoch milliseconds. */
  time: number;
  /** Its level. */
  level: TappedLevel;
  /** The message ('' when only fields were logged). */
  message: string;
  /** Its fields with the logger's bindings (`agent`, `package`, `channel`...); errors as `{ type, message }`. */
  fields: JsonObject;
}

/** What {@link LogTap.recent} returns. */
export interface RecentLogOptions {
  /** Only lines at least this severe. Default: every recorded line. */
  minLevel?: TappedLevel;
  /** Only lines with a greater `seq`. */
  afterSeq?: number;
  /** At most this many, the newest. Default: all that are kept. */
  limit?: number;
}

/**
 * Read access to the agent's recent log lines: a bounded ring, redacted before it is filled (secret-looking keys
 * and every registered secret value become `[redacted]`, as in the log output). Given to a package as
 * `context.logs` only when its manifest asks for `permissions.logs` (the console's log tail, for example).
 */
export interface LogTap {
  /** How many lines the ring keeps; older ones are dropped. */
  readonly capacity: number;
  /** The least severe level recorded (the agent logger's level, `info` when it does not say). */
  readonly minLevel: TappedLevel;
  /** The kept lines, oldest first. */
  recent(options?: RecentLogOptions): LogRecord[];
  /** Calls `listener` with every new line; returns a function that stops it. A listener that throws is dropped. */
  subscribe(listener: (record: LogRecord) => void): () => void;
}

/** The default number of lines a tap keeps. */
export const DEFAULT_LOG_TAP_CAPACITY = 1_000;

/** An error as a log field: its type and message (pino prints the stack too; the tail does not need it). */
function plainError(error: Error): JsonObject {
  return { type: error.name, message: error.message };
}

/** Makes a value plain JSON (errors as type and message, bigint as text, cycles cut); secret keys are already redacted. */
function toJsonValue(value: unknown, seen: Set<unknown>): unknown {
  if (value instanceof Error) return plainError(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol' || value === undefined) return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item, seen) ?? null);
  if (value instanceof Date) return value.toISOString();
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const converted = toJsonValue(inner, seen);
    if (converted !== undefined) result[key] = converted;
  }
  return result;
}

/**
 * The ring a {@link LogTap} reads: the agent's logger writes every line at or above `minLevel` into it while it is
 * enabled (some package asked for `permissions.logs`). Redaction happens here, before anything is kept: keys
 * through `redactSecretKeys`, then every registered secret value in the whole serialized line through
 * `redactSecrets`, the same two steps the pino logger applies to its output.
 */
export class LogRing implements LogTap {
  readonly capacity: number;
  readonly minLevel: TappedLevel;
  /** Whether lines are recorded; off until a package that reads logs is loaded. */
  enabled = false;
  readonly #lines: LogRecord[] = [];
  readonly #listeners = new Set<(record: LogRecord) => void>();
  #seq = 0;

  /**
   * @param options - how many lines to keep, and the least severe level to record
   */
  constructor(options: { capacity?: number; minLevel?: TappedLevel } = {}) {
    this.capacity = Math.max(1, options.capacity ?? DEFAULT_LOG_TAP_CAPACITY);
    this.minLevel = options.minLevel ?? 'info';
  }

  /**
   * Records one line (when enabled and severe enough), redacted.
   *
   * @param level - the line's level
   * @param bindings - the logger's bindings
   * @param first - the fields object or the message
   * @param message - the message, when `first` holds fields
   */
  record(level: TappedLevel, bindings: Record<string, unknown>, first: unknown, message?: string): void {
    if (!this.enabled || !atLeast(level, this.minLevel)) return;
    const fields = typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
    const text = typeof first === 'string' ? first : (message ?? '');
    const plain = toJsonValue(redactSecretKeys({ ...bindings, ...fields }), new Set()) as JsonObject;
    const redacted = JSON.parse(redactSecrets(JSON.stringify({ message: text, fields: plain }))) as { message: string; fields: JsonObject };
    const record: LogRecord = { seq: ++this.#seq, time: Date.now(), level, message: redacted.message, fields: redacted.fields };
    this.#lines.push(record);
    if (this.#lines.length > this.capacity) this.#lines.shift();
    for (const listener of this.#listeners) {
      try {
        listener(record);
      } catch {
        this.#listeners.delete(listener);
      }
    }
  }

  recent(options: RecentLogOptions = {}): LogRecord[] {
    const { minLevel, afterSeq, limit } = options;
    const kept = this.#lines.filter((line) => (minLevel === undefined || atLeast(line.level, minLevel)) && (afterSeq === undefined || line.seq > afterSeq));
    return limit === undefined ? kept : kept.slice(-Math.max(0, limit));
  }

  subscribe(listener: (record: LogRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
