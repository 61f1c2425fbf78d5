import { DowncityError, ErrorCodes } from '@downcity/core';

/** A model turn running for an inbox entry. A session runs one turn at a time, so there is at most one per session. */
export interface RunningTurn {
  /** The session. */
  readonly sessionId: string;
  /** The inbox id of the message being answered. */
  readonly inboxId: string;
  /** The principal id of its sender: who may stop it besides the operator. */
  readonly principalId: string;
  /** Aborts the turn; passed to the turn as `TurnOptions.signal`. */
  readonly signal: AbortSignal;
  /** Who stopped it (`operator`, a principal id), once stopped. */
  readonly stoppedBy: string | undefined;
}

interface Entry extends RunningTurn {
  controller: AbortController;
  stoppedBy: string | undefined;
}

/** How many `/stop` messages that stopped a turn are remembered until their command runs. */
const STOPPERS_LIMIT = 1_000;

/**
 * The model turns running now, by session, so `/stop` and `chat/stop` can abort one. In memory: a turn runs
 * in this process, and after a restart nothing is running.
 */
export class RunningTurns {
  readonly #bySession = new Map<string, Entry>();
  readonly #stoppers = new Set<string>();

  /** Records a turn about to run; call the returned `finish` when it is over (stopped or not). */
  begin(options: { sessionId: string; inboxId: string; principalId: string }): { turn: RunningTurn; finish: () => void } {
    const controller = new AbortController();
    const entry: Entry = { ...options, controller, signal: controller.signal, stoppedBy: undefined };
    this.#bySession.set(options.sessionId, entry);
    return {
      turn: entry,
      finish: () => {
        if (this.#bySession.get(options.sessionId) === entry) this.#bySession.delete(options.sessionId);
      },
    };
  }

  /** The turn running in a session, if any. */
  get(sessionId: string): RunningTurn | undefined {
    return this.#bySession.get(sessionId);
  }

  /**
   * Stops the session's running turn on behalf of `by` (`operator` or a principal id): the turn's signal aborts
   * with an `ABORTED` error. `stopper` is the inbox id of the `/stop` message that asked, remembered for
   * {@link RunningTurns.takeStopper}. Returns the stopped turn, or `undefined` when none runs (or it was
   * stopped already).
   */
  stop(sessionId: string, by: string, options: { stopper?: string } = {}): RunningTurn | undefined {
    const entry = this.#bySession.get(sessionId);
    if (!entry || entry.stoppedBy !== undefined) return undefined;
    entry.stoppedBy = by;
    if (options.stopper !== undefined) {
      this.#stoppers.add(options.stopper);
      if (this.#stoppers.size > STOPPERS_LIMIT) this.#stoppers.delete(this.#stoppers.values().next().value as string);
    }
    entry.controller.abort(new DowncityError(ErrorCodes.ABORTED, 'The reply was stopped.', { details: { stoppedBy: by } }));
    return entry;
  }

  /** Whether the `/stop` message with this inbox id stopped a turn on arrival; forgets it. */
  takeStopper(inboxId: string): boolean {
    return this.#stoppers.delete(inboxId);
  }
}
