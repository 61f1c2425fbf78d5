import type { ActionSignature, GuardPoint, PipelinePoint, Principal } from '@downcity/core';
import type { ExportInput, ExportOutput } from './actions/export-action.js';
import type { ForgetInput, ForgetOutput } from './actions/forget-action.js';
import type { ListInput, ListOutput } from './actions/list-action.js';
import type { OperatorForgetInput, OperatorForgetOutput } from './actions/operator-forget-action.js';
import type { OperatorSearchInput, OperatorSearchOutput } from './actions/operator-search-action.js';
import type { RecallInput, RecallOutput } from './actions/recall-action.js';
import type { RememberInput, RememberOutput } from './actions/remember-action.js';
import type { RecalledMemory } from './memory-entry.js';
import type { ScopeLevel } from './scope/scope-level.js';

/** Input of the `memory/before-remember` guard: a fact about to be stored. Deny to keep it out (secrets, PII, abuse). */
export interface BeforeRemember {
  /** The text to remember (trimmed, within `maxChars`). */
  text: string;
  /** The scope it goes to. */
  scope: ScopeLevel;
  /** Its tags. */
  tags: string[];
  /** Who is storing it: `model`, `agent` or a package id. */
  caller: string;
  /** The principal it is stored for, when known. */
  principal?: Principal;
  /** The session of the call, when any. */
  sessionId?: string;
}

/** The value of the `memory/recalled` pipeline: a recall's results before they reach the caller or the prompt. Only `memories` changes are used. */
export interface Recalled {
  /** What was recalled. */
  query: string;
  /** The memories, best first; filter, re-rank or shorten them. */
  memories: RecalledMemory[];
  /** Who recalled: `model`, `agent`, `memory` (the prompt contribution) or a package id. */
  caller: string;
  /** The principal, when known. */
  principal?: Principal;
  /** The session, when any. */
  sessionId?: string;
}

declare module '@downcity/core' {
  interface Actions {
    /** Stores a fact in the caller's agent, user or session scope. */
    'memory/remember': ActionSignature<RememberInput, RememberOutput>;
    /** The memories most relevant to a query, from the caller's own scopes. */
    'memory/recall': ActionSignature<RecallInput, RecallOutput>;
    /** Deletes a memory from the caller's own scopes. */
    'memory/forget': ActionSignature<ForgetInput, ForgetOutput>;
    /** The newest memories of one of the caller's scopes. */
    'memory/list': ActionSignature<ListInput, ListOutput>;
    /** Every memory of one of the caller's scopes, as JSON. */
    'memory/export': ActionSignature<ExportInput, ExportOutput>;
    /** Every scope's memories, searched or newest first: for the operator only. */
    'memory/operator-search': ActionSignature<OperatorSearchInput, OperatorSearchOutput>;
    /** Deletes any memory by its key: for the operator only. */
    'memory/operator-forget': ActionSignature<OperatorForgetInput, OperatorForgetOutput>;
  }
  interface ExtensionPoints {
    /** May refuse a memory before it is stored. */
    'memory/before-remember': GuardPoint<BeforeRemember>;
    /** Filters or re-ranks recalled memories. */
    'memory/recalled': PipelinePoint<Recalled>;
  }
}
