import type { PointKind } from '../manifest/manifest-schema.js';

/** A handler as the registry keeps it. */
export interface RegisteredHandler {
  /** The id of the package that attached it. */
  owner: string;
  /** The point name. */
  point: string;
  /** The point kind. */
  kind: PointKind;
  /** Lower runs first. */
  priority: number;
  /** Load order, breaking priority ties. */
  order: number;
  /** Per-call timeout in milliseconds. */
  timeoutMs: number;
  /** The handler function. */
  run: (payload: unknown, call: { signal: AbortSignal; point: string }) => unknown;
}

/** Handlers by point, kept sorted by priority then load order. */
export class ExtensionRegistry {
  readonly #byPoint = new Map<string, RegisteredHandler[]>();
  #order = 0;

  /** Adds a handler; returns a function that removes it. */
  add(handler: Omit<RegisteredHandler, 'order'>): () => void {
    const entry: RegisteredHandler = { ...handler, order: this.#order++ };
    const list = [...(this.#byPoint.get(handler.point) ?? []), entry].sort((a, b) => a.priority - b.priority || a.order - b.order);
    this.#byPoint.set(handler.point, list);
    return () => {
      const remaining = (this.#byPoint.get(handler.point) ?? []).filter((item) => item !== entry);
      if (remaining.length === 0) this.#byPoint.delete(handler.point);
      else this.#byPoint.set(handler.point, remaining);
    };
  }

  /** The handlers of a point in run order. */
  list(point: string): readonly RegisteredHandler[] {
    return this.#byPoint.get(point) ?? [];
  }
}
