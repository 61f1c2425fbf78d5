import { parseWithSchema } from '../config/parse-with-schema.js';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { traceAction } from '../telemetry/trace-action.js';
import type { ActionCall, ActionDefinition, InvokeOptions } from './action.js';

/** An action as the registry keeps it. */
export interface RegisteredAction {
  /** Full name, `<service id>/<action>`. */
  name: string;
  /** The service that provides it. */
  owner: string;
  /** Whether the model may call it (manifest `tool` and definition `tool` both true). */
  tool: boolean;
  /** The definition. */
  definition: ActionDefinition;
}

/** Actions by full name. */
export class ActionRegistry {
  readonly #actions = new Map<string, RegisteredAction>();
  readonly #listeners = new Set<() => void>();

  /** Registers an action; returns a function that removes it. */
  add(action: RegisteredAction): () => void {
    this.#actions.set(action.name, action);
    this.#changed();
    return () => {
      if (this.#actions.get(action.name) !== action) return;
      this.#actions.delete(action.name);
      this.#changed();
    };
  }

  /** Calls `listener` after every add and remove (e.g. to tell MCP clients the tool list changed). Returns a function that stops it. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    // A listener's failure must not fail the registration: listeners only relay the news.
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch {
        // ignored on purpose
      }
    }
  }

  /** Every registered action. */
  list(): RegisteredAction[] {
    return [...this.#actions.values()];
  }

  /** Returns an action, or `undefined`. */
  get(name: string): RegisteredAction | undefined {
    return this.#actions.get(name);
  }

  /** Validates input, runs the action, validates output, in an `execute_tool <name>` span for the model's tool calls, `action <name>` for other callers. */
  invoke(name: string, input: unknown, caller: string, options: InvokeOptions & { signal: AbortSignal }): Promise<unknown> {
    return traceAction(name, caller, () => this.#invoke(name, input, caller, options));
  }

  async #invoke(name: string, input: unknown, caller: string, options: InvokeOptions & { signal: AbortSignal }): Promise<unknown> {
    const action = this.#actions.get(name);
    if (!action) {
      const known = this.list()
        .map((entry) => entry.name)
        .sort()
        .join(', ');
      throw new DowncityError(ErrorCodes.ACTION_UNKNOWN, `No action "${name}". Known actions: ${known || '(none)'}. Is the service that provides it installed?`);
    }
    const parsed = parseWithSchema(action.definition.input, input, { code: ErrorCodes.ACTION_INVALID, subject: `input for action "${name}"`, root: 'input' });
    const call: ActionCall = {
      caller,
      signal: options.signal,
      ...(options.principal ? { principal: options.principal } : {}),
      ...(options.sessionId ? { sessionId: options.sessionId } : {}),
    };
    const output = await action.definition.run(parsed, call);
    return parseWithSchema(action.definition.output, output, { code: ErrorCodes.ACTION_INVALID, subject: `output of action "${name}" (a bug in "${action.owner}")`, root: 'output' });
  }
}
