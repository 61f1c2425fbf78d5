import type { ProviderOptions } from '../model/provider-options.js';
import type { Principal } from '../action/action.js';
import type { JsonObject, ListSessionsOptions, NewMessage, SessionKind, SessionRecord, StoredMessage } from '../store/store.js';

/** Options for one model turn in a session. */
export interface TurnOptions {
  /** Messages to store before the model runs (typically the user's message). Stored durably first. */
  input?: NewMessage[];
  /** On whose behalf the turn runs; passed to every tool call and guard. */
  principal?: Principal;
  /** Extra system instructions for this turn only. */
  instructions?: string;
  /** Which actions the model may call: `all` tool actions (default), `none`, or a list of action names. */
  tools?: 'all' | 'none' | string[];
  /** Maximum model steps (tool round trips) in the turn (default from config, 8). */
  maxSteps?: number;
  /** How many stored messages the prompt window holds (default from config, 40). */
  window?: number;
  /** Cancels the turn. Steps finished before the abort stay stored. */
  signal?: AbortSignal;
  /** Called with each text delta as the model streams; when set, the turn streams. */
  onTextDelta?: (delta: string) => void;
  /**
   * Called once per model step, right after the step's messages (the assistant message with its text and
   * tool calls, then the tool results) are stored, and before the next step starts; awaited. Use it to show
   * tool calls and their results live. A throw ends the turn with that error (the step stays stored).
   */
  onStep?: (step: TurnStep) => void | Promise<void>;
  /** Metadata added to every message the turn stores. */
  metadata?: JsonObject;
  /** Provider options for this turn's model calls; override the session's (`metadata.providerOptions`) and the agent's per provider and key. */
  providerOptions?: ProviderOptions;
}

/** One finished model step of a turn, as {@link TurnOptions.onStep} receives it. */
export interface TurnStep {
  /** The step's number within the turn, from 1. */
  index: number;
  /** The messages the step stored, in order: the assistant message (text, tool calls), then tool results. */
  messages: StoredMessage[];
  /** Why the step ended: `tool-calls` when another step follows, else `stop`, `length`... */
  finishReason: string;
}

/** The outcome of a turn. */
export interface TurnResult {
  /** The final assistant text (empty when the model produced only tool calls). */
  text: string;
  /** The messages the turn stored (input, then each step), in order. */
  messages: StoredMessage[];
  /** How many model steps ran. */
  steps: number;
  /** Why the model stopped (`stop`, `length`, `tool-calls`, ...). */
  finishReason: string;
  /** Token usage summed over steps, when the provider reports it. */
  usage: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  /** The model that answered (ran the last step), as `<provider>:<model id>`; each stored step also carries its own in `metadata.model`. */
  model: string;
  /** The models the turn left for the next one after they failed, in order (empty when the first model answered). */
  fallbacks: { from: string; to: string }[];
}

/** What a system-prompt contributor sees about the turn being built. */
export interface TurnInfo {
  /** The session. */
  session: SessionRecord;
  /** The principal, when known. */
  principal?: Principal;
  /** The text of the newest user input, for relevance lookups (e.g. memory recall). */
  inputText: string;
  /** Aborted when the turn is cancelled. */
  signal: AbortSignal;
}

/**
 * Session capabilities, given to services and plugins as `context.session`. The agent owns
 * the store; this is the only way services touch sessions.
 */
export interface SessionApi {
  /** Returns the session, creating it with the given kind when absent. */
  open(sessionId: string, options: { kind: SessionKind; metadata?: JsonObject }): Promise<SessionRecord>;
  /** Returns the session or `undefined`. */
  get(sessionId: string): Promise<SessionRecord | undefined>;
  /** Lists sessions, newest first. */
  list(options?: ListSessionsOptions): Promise<SessionRecord[]>;
  /** Merges metadata into the session. */
  update(sessionId: string, metadata: JsonObject): Promise<SessionRecord>;
  /** The last `limit` messages (default 50) before `beforeSeq`, ascending. */
  history(sessionId: string, options?: { limit?: number; beforeSeq?: number }): Promise<StoredMessage[]>;
  /** Appends messages atomically. */
  append(sessionId: string, messages: NewMessage[]): Promise<StoredMessage[]>;
  /** Hides all messages so far from future prompt windows; nothing is deleted. */
  reset(sessionId: string): Promise<void>;
  /**
   * Runs `work` exclusively for the session: calls for one session run one at a time in arrival
   * order; different sessions run concurrently. Re-entrant within the same async flow.
   */
  exclusive<T>(sessionId: string, work: () => Promise<T>): Promise<T>;
  /** Runs one model turn: stores the input, builds the prompt from a bounded window, runs the model with tools, stores every step. Runs exclusively. */
  turn(sessionId: string, options?: TurnOptions): Promise<TurnResult>;
  /** Whether a model is configured; without one `turn` throws `MODEL_NOT_CONFIGURED`. */
  readonly modelAvailable: boolean;
}
