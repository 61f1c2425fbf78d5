import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options for {@link startRegistryRouter}. */
export interface StartRegistryRouterOptions {
  /** The local registry (verdaccio) URL. */
  local: string;
  /** Where packages the local registry does not have are fetched (default `https://registry.npmjs.org/`). */
  upstream?: string;
  /** Names that only ever come from the local registry, even when it lacks them (e.g. every `@downcity/*`). */
  localOnly?: (name: string) => boolean;
}

/** A running router. Close it (or `await using` it). */
export interface RegistryRouter extends AsyncDisposable {
  /** Its URL, ending in `/`: use it as the `registry=` of a userconfig. */
  readonly url: string;
  /** The names sent to the local registry and upstream so far. */
  routed(): { local: string[]; upstream: string[] };
  /** Stops it. Safe to call twice. */
  close(): Promise<void>;
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** The package a registry path is about (`/name`, `/@scope%2fname`, `/@scope/name/-/x.tgz`), or `undefined` for API paths. */
export function packageNameOf(pathname: string): string | undefined {
  const segments = pathname.split('?')[0]?.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment)) ?? [];
  const [first, second] = segments;
  if (first === undefined || first.startsWith('-')) return undefined;
  if (first.startsWith('@')) return first.includes('/') ? first : second === undefined ? undefined : `${first}/${second}`;
  return first;
}

/**
 * Starts a tiny registry router on 127.0.0.1: every request is redirected (307) either to the local
 * registry, when it has the package (or the name is `localOnly`, or it is a search), or to the
 * upstream registry. npm has no per-package registry setting, so this is how an unscoped package
 * published to verdaccio (`create-downcity`, a third-party plugin) and everything from npmjs can
 * be installed side by side while verdaccio itself keeps no uplinks. Only redirects: no package
 * bytes pass through it.
 */
export async function startRegistryRouter(options: StartRegistryRouterOptions): Promise<RegistryRouter> {
  const local = withSlash(options.local);
  const upstream = withSlash(options.upstream ?? 'https://registry.npmjs.org/');
  const known = new Set<string>();
  const routed = { local: new Set<string>(), upstream: new Set<string>() };
  async function isLocal(name: string): Promise<boolean> {
    if (known.has(name) || options.localOnly?.(name)) return true;
    const response = await fetch(new URL(name.replace('/', '%2f'), local), { method: 'HEAD' }).catch(() => undefined);
    if (response?.status !== 200) return false;
    known.add(name);
    return true;
  }
  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '/';
    const name = packageNameOf(target);
    const toLocal = target.startsWith('/-/v1/search') || (name !== undefined && (await isLocal(name)));
    if (name) routed[toLocal ? 'local' : 'upstream'].add(name);
    response.writeHead(307, { location: new URL(target.replace(/^\/+/, ''), toLocal ? local : upstream).href, 'cache-control': 'no-store' });
    response.end();
  }
  const server = createServer((request, response) => {
    route(request, response).catch(() => {
      response.writeHead(502);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}/`,
    routed: () => ({ local: [...routed.local].sort(), upstream: [...routed.upstream].sort() }),
    close,
    [Symbol.asyncDispose]: close,
  };
}
