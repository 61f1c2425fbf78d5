import type { Collection, ExecutionContext, JsonObject, Scalar } from '@downcity/core';
import { createAuditRecord, type AuditRecord, type AuditRecordInput } from '../audit/audit-record.js';
import './points.js';

/** Filters for {@link AuditLog.list}. */
export interface AuditQuery {
  /** Only records of this agent session. */
  sessionId?: string;
  /** Only records requested by this principal id (or caller). */
  principal?: string;
  /** Only records with this outcome. */
  outcome?: AuditRecord['outcome'];
  /** At most this many records, newest first. */
  limit: number;
}

/**
 * The shell audit log: every command request, whatever became of it, stored in the package's
 * `audit` collection and then passed to the `shell/after-exec` effect.
 */
export class AuditLog {
  readonly #collection: Collection;
  readonly #context: ExecutionContext;
  #sequence = 0;

  /** @param context - the shell service's execution context */
  constructor(context: ExecutionContext) {
    this.#context = context;
    this.#collection = context.storage.collection('audit');
  }

  /**
   * Validates and stores one record, then runs the `shell/after-exec` effect (whose failures are
   * logged, never thrown).
   *
   * @param fields - the record's fields
   * @returns the stored record
   */
  async record(fields: AuditRecordInput): Promise<AuditRecord> {
    // Ids sort by time, so listing by id is listing in the order records were written.
    const id = `${Date.now().toString(36).padStart(10, '0')}-${(this.#sequence++ % 1_000_000).toString(36).padStart(4, '0')}-${crypto.randomUUID().slice(0, 8)}`;
    const record = createAuditRecord({ id, ...fields });
    await this.#collection.put(record.id, toJson(record));
    await this.#context.plugins.effect('shell/after-exec', record);
    return record;
  }

  /**
   * Lists records, newest first.
   *
   * @param query - filters and a limit
   */
  async list(query: AuditQuery): Promise<AuditRecord[]> {
    const where: Record<string, Scalar> = {};
    if (query.sessionId !== undefined) where.sessionId = query.sessionId;
    if (query.principal !== undefined) where.principal = query.principal;
    if (query.outcome !== undefined) where.outcome = query.outcome;
    const entries = await this.#collection.list({ where, orderBy: { field: 'id', direction: 'desc' }, limit: query.limit });
    return entries.map((entry) => entry.value as unknown as AuditRecord);
  }
}

/** Drops `undefined` fields so the value is plain JSON. */
export function toJson<T extends object>(value: T): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}
