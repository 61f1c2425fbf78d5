import { DowncityError, ErrorCodes, type HttpRoute, type Logger, type MountedRoute } from '@downcity/core';
import type { Hono } from 'hono';
import { listen, type Listener, type NodeFetchHandler } from '../listen/listen.js';
import { rootApp } from './root-app.js';

/** Where and how an {@link AddressListener} listens. */
export interface AddressListenerOptions {
  /** Interface. */
  host: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** Header timeout of the listener. */
  headersTimeoutMs: number;
  /** Request timeout of the listener. */
  requestTimeoutMs: number;
  /** Share the port with other processes listening with `reusePort` (see `ListenOptions.reusePort`). */
  reusePort: boolean;
  /** Where the listener logs. */
  logger: Logger | undefined;
  /** Resolves once a listener that used this address before has closed. */
  previous: Promise<void> | undefined;
  /** Called once the last route left and the listener began to close, with the closing promise. */
  onEmpty: (closed: Promise<void>) => void;
}

/** The routes served at one host and port, and the listener serving them (open while there is a route). */
export class AddressListener {
  readonly #options: AddressListenerOptions;
  readonly #routes = new Map<string, HttpRoute>();
  #app: Hono;
  /** The fetch handler of the only route, when exactly one route serves `/`. */
  #only: NodeFetchHandler | undefined;
  #listening: Promise<Listener> | undefined;

  /** Creates it without listening; the first {@link AddressListener.add} listens. */
  constructor(options: AddressListenerOptions) {
    this.#options = options;
    this.#app = rootApp([], options.logger);
  }

  /** Serves `route`; resolves once the listener accepts connections. */
  async add(route: HttpRoute): Promise<MountedRoute> {
    const taken = this.#routes.get(route.path);
    if (taken) {
      throw new DowncityError(
        ErrorCodes.CONFIG_INVALID,
        `${route.name} and ${taken.name} both want the path ${route.path} on ${this.#options.host}:${this.#options.port}. Give one of them another path or a port of its own.`,
      );
    }
    this.#routes.set(route.path, route);
    this.#rebuild();
    let listener: Listener;
    try {
      listener = await (this.#listening ??= this.#listen(route.name));
    } catch (error) {
      this.#routes.delete(route.path);
      this.#listening = undefined;
      if (this.#routes.size === 0) this.#options.onEmpty(Promise.resolve());
      throw error;
    }
    this.#options.logger?.debug({ url: listener.url, path: route.path, route: route.name }, 'HTTP route mounted');
    let mounted = true;
    return {
      url: listener.url,
      unmount: async () => {
        if (!mounted) return;
        mounted = false;
        await this.#remove(route);
      },
    };
  }

  /** Removes every route and closes the listener. */
  async close(): Promise<void> {
    this.#routes.clear();
    await this.#closeWhenEmpty();
  }

  async #listen(firstRoute: string): Promise<Listener> {
    await this.#options.previous;
    const { host, port, headersTimeoutMs, requestTimeoutMs, reusePort } = this.#options;
    const listener = await listen({ host, port, headersTimeoutMs, requestTimeoutMs, reusePort, serves: firstRoute, fetch: (request, bindings) => this.#dispatch(request, bindings) });
    this.#options.logger?.info({ url: listener.url }, 'HTTP surface listening');
    return listener;
  }

  async #remove(route: HttpRoute): Promise<void> {
    if (this.#routes.get(route.path) !== route) return;
    this.#routes.delete(route.path);
    this.#rebuild();
    await this.#closeWhenEmpty();
  }

  async #closeWhenEmpty(): Promise<void> {
    if (this.#routes.size > 0 || !this.#listening) return;
    const listening = this.#listening;
    this.#listening = undefined;
    const closed = listening.then(
      (listener) => listener.close(),
      () => {},
    );
    this.#options.onEmpty(closed);
    await closed;
  }

  #rebuild(): void {
    this.#app = rootApp([...this.#routes.values()], this.#options.logger);
    const [only] = this.#routes.values();
    this.#only = this.#routes.size === 1 && only?.path === '/' ? (only.fetch as NodeFetchHandler) : undefined;
  }

  /**
   * Hands a request to the root app, or straight to the one route when a single route serves `/` (the usual
   * setup: the HTTP channel alone), where the root app could only pass it on: one Hono dispatch less per request.
   */
  #dispatch(request: Request, bindings: Parameters<NodeFetchHandler>[1]): Response | Promise<Response> {
    return this.#only ? this.#only(request, bindings) : this.#app.fetch(request, bindings);
  }
}
