/**
 * A web-standard fetch handler: takes a WHATWG `Request`, answers a `Response`. What a package serves on
 * the agent's HTTP surface. Every JS HTTP framework produces one (`app.fetch` of Hono), so core needs none.
 */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** A route to serve: a path prefix, its handler, and optionally an address of its own. */
export interface HttpRoute {
  /** Who serves it, for logs and error messages, e.g. `telegram webhook`. */
  name: string;
  /**
   * The path prefix, starting with `/` and without a trailing slash (`/` serves every path no longer prefix
   * claims). The longest matching prefix wins. The handler sees the full, unchanged URL.
   */
  path: string;
  /** The handler. */
  fetch: FetchHandler;
  /** Port of a listener of its own (0 picks a free one). Default: the surface's port. */
  port?: number;
  /** Interface of that listener. Default: the surface's host. */
  host?: string;
}

/** A route being served. */
export interface MountedRoute {
  /** The origin it is served at, e.g. `http://127.0.0.1:8787` (the bound port, also when `port` was 0). */
  readonly url: string;
  /** Stops serving the route; a listener left without routes closes. */
  unmount(): Promise<void>;
}

/**
 * The agent's one HTTP surface (decision 0013): routes of every package, served on one port by default.
 * Routes at the same host and port share one listener; a route given a port of its own gets its own listener,
 * running the same code. A listener opens with its first route and closes with its last. Core only defines
 * this contract; `createHttpSurface` from `@downcity/http` implements it on Hono.
 */
export interface HttpSurface {
  /** Starts serving `route`; resolves once its listener accepts connections. */
  mount(route: HttpRoute): Promise<MountedRoute>;
  /** Unmounts every route and closes every listener. The surface can be mounted on again afterwards. */
  close(): Promise<void>;
}
