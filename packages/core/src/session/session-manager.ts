import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { KeyedQueue } from './keyed-queue.js';
import { runTurn, type TurnDependencies } from './run-turn.js';
import type { SessionApi, TurnOptions, TurnResult } from './session-api.js';

const SESSION_ID = /^[\p{L}\p{N}_.:@+\-/]{1,256}$/u;

function checkId(sessionId: string): void {
  if (typeof sessionId !== 'string' || !SESSION_ID.test(sessionId)) {
    throw new DowncityError(
      ErrorCodes.INPUT_INVALID,
      `Invalid session id ${JSON.stringify(String(sessionId).slice(0, 80))}: use 1-256 letters, digits and _ . : @ + - / (e.g. "chat:telegram:bot:42").`,
    );
  }
}

/** The agent's session manager: the implementation behind `context.session`. */
export class SessionManager implements SessionApi {
  readonly #queue = new KeyedQueue();
  readonly #dependencies: TurnDependencies;

  /** Creates the manager over the agent's store and model. */
  constructor(dependencies: TurnDependencies) {
    this.#dependencies = dependencies;
  }

  /** Whether a model is configured. */
  get modelAvailable(): boolean {
    return this.#dependencies.models.length > 0;
  }

  /** The number of sessions with work running or queued. */
  get busySessions(): number {
    return this.#queue.size;
  }

  /** Resolves when no session work is running or queued. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  open: SessionApi['open'] = async (sessionId, options) => {
    checkId(sessionId);
    return this.#dependencies.store.sessions.ensure({ id: sessionId, kind: options.kind, ...(options.metadata ? { metadata: options.metadata } : {}) });
  };

  get: SessionApi['get'] = (sessionId) => this.#dependencies.store.sessions.get(sessionId);

  list: SessionApi['list'] = (options) => this.#dependencies.store.sessions.list(options);

  update: SessionApi['update'] = (sessionId, metadata) => this.#dependencies.store.sessions.update(sessionId, { metadata });

  history: SessionApi['history'] = async (sessionId, options = {}) => {
    if (!(await this.#dependencies.store.sessions.get(sessionId))) {
      throw new DowncityError(ErrorCodes.SESSION_NOT_FOUND, `Session "${sessionId}" does not exist.`);
    }
    return this.#dependencies.store.messages.tail(sessionId, {
      limit: options.limit ?? 50,
      ...(options.beforeSeq === undefined ? {} : { beforeSeq: options.beforeSeq }),
    });
  };

  append: SessionApi['append'] = (sessionId, messages) => this.#dependencies.store.messages.append(sessionId, messages);

  reset: SessionApi['reset'] = async (sessionId) => {
    await this.exclusive(sessionId, async () => {
      const session = await this.#dependencies.store.sessions.get(sessionId);
      if (!session) throw new DowncityError(ErrorCodes.SESSION_NOT_FOUND, `Session "${sessionId}" does not exist.`);
      await this.#dependencies.store.sessions.update(sessionId, { windowStart: session.lastSeq });
    });
  };

  exclusive<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    return this.#queue.run(sessionId, work);
  }

  turn(sessionId: string, options: TurnOptions = {}): Promise<TurnResult> {
    return this.#queue.run(sessionId, () => runTurn(this.#dependencies, sessionId, options));
  }
}
