import { HttpSettingsSchema, type HttpRoute, type HttpSettings, type HttpSettingsInput, type HttpSurface, type Logger, type MountedRoute } from '@downcity/core';
import { checkMountPath } from './check-mount-path.js';
import { AddressListener } from './address-listener.js';

/** Options of {@link createHttpSurface}: the agent config's `http` settings (defaults: `127.0.0.1:8787`), and a logger. */
export interface HttpSurfaceOptions extends HttpSettingsInput {
  /** Where listeners log when they open and when a route fails. */
  logger?: Logger;
  /**
   * Share every TCP port with other processes that listen on it with `reusePort` too, the kernel spreading
   * connections among them (`SO_REUSEPORT`; Linux and Node.js >= 22.12): the workers of a cluster on one host
   * (`downcity start --workers N`) all serve `http.port`. Default false.
   */
  reusePort?: boolean;
}

/** The Hono implementation of the agent's HTTP surface. */
class HonoHttpSurface implements HttpSurface {
  readonly #settings: HttpSettings;
  readonly #logger: Logger | undefined;
  readonly #reusePort: boolean;
  readonly #addresses = new Map<string, AddressListener>();
  readonly #closing = new Map<string, Promise<void>>();
  #ephemeral = 0;

  constructor(options: HttpSurfaceOptions) {
    const { logger, reusePort, ...settings } = options;
    this.#settings = HttpSettingsSchema.parse(settings);
    this.#logger = logger;
    this.#reusePort = reusePort ?? false;
  }

  async mount(route: HttpRoute): Promise<MountedRoute> {
    checkMountPath(route.name, route.path);
    const host = route.host ?? this.#settings.host;
    const port = route.port ?? this.#settings.port;
    // Routes without an address of their own share the surface's listener (one free port when http.port is 0);
    // a route naming port 0 gets a free port of its own; one naming the surface's address shares it.
    const shared = (route.host === undefined && route.port === undefined) || (host === this.#settings.host && port === this.#settings.port && port !== 0);
    const key = shared ? 'shared' : port === 0 ? `${host}:0#${++this.#ephemeral}` : `${host}:${port}`;
    let address = this.#addresses.get(key);
    if (!address) {
      address = new AddressListener({
        host,
        port,
        headersTimeoutMs: this.#settings.headersTimeoutMs,
        requestTimeoutMs: this.#settings.requestTimeoutMs,
        reusePort: this.#reusePort,
        logger: this.#logger,
        previous: this.#closing.get(key),
        onEmpty: (closed) => {
          if (this.#addresses.get(key) === address) this.#addresses.delete(key);
          const settled = closed.finally(() => {
            if (this.#closing.get(key) === settled) this.#closing.delete(key);
          });
          this.#closing.set(key, settled);
        },
      });
      this.#addresses.set(key, address);
    }
    return address.add(route);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#addresses.values()].map((address) => address.close()));
    await Promise.all(this.#closing.values());
  }
}

/**
 * Creates the agent's HTTP surface on Hono and `@hono/node-server` (decision 0013). Pass it to `createAgent`
 * as `http`; packages mount their routes on it through `context.http`. Routes at the same address share a
 * listener (the surface's `host` and `port` unless a route names its own); a listener opens with its first
 * route and closes with its last, so an agent serving nothing over HTTP opens no port.
 *
 * @example
 * ```ts
 * const agent = createAgent({ services, http: createHttpSurface({ port: 8787, logger }) });
 * ```
 */
export function createHttpSurface(options: HttpSurfaceOptions = {}): HttpSurface {
  return new HonoHttpSurface(options);
}
