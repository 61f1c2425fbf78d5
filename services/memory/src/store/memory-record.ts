import { createHash } from 'node:crypto';
import type { ScopeLevel } from '../scope/scope-level.js';

/** One memory as the service stores it in its `memories` collection. */
export type MemoryRecord = {
  /** The memory id (`m_` + 16 hex digits), stable for the same text in the same scope. */
  id: string;
  /** The scope key, e.g. `user:telegram%3A42`. */
  scope: string;
  /** The scope level. */
  level: ScopeLevel;
  /** The remembered text. */
  text: string;
  /** Free labels, e.g. `preference`. */
  tags: string[];
  /** When it was remembered, epoch milliseconds. */
  createdAt: number;
  /** Who stored it: `model`, `agent` or a package id. */
  createdBy: string;
  /** The principal the storing call ran for, when known (memories stored before this field existed lack it). */
  principalId?: string;
  /** The session of the storing call, when any. */
  sessionId?: string;
};

/** The text compared for duplicates: Unicode-normalized, whitespace collapsed, lower-cased. */
function canonicalText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/**
 * The id of a memory: a hash of its scope and canonical text. Remembering the same fact twice
 * in one scope (a retried tool call, a repeated message) yields the same id and stores it once.
 */
export function memoryIdOf(scopeKey: string, text: string): string {
  return `m_${createHash('sha256').update(`${scopeKey}\n${canonicalText(text)}`).digest('hex').slice(0, 16)}`;
}

/** The collection key of a memory: `<scope key>#<memory id>`, so one scope's memories are one key range. */
export function recordKeyOf(scopeKey: string, memoryId: string): string {
  return `${scopeKey}#${memoryId}`;
}

/** The key prefix every memory of a scope shares. */
export function scopePrefixOf(scopeKey: string): string {
  return `${scopeKey}#`;
}
