/**
 * The "nerf dart" npm uses to key per-registry settings: the registry URL without its protocol,
 * ending in `/`, e.g. `//127.0.0.1:4873/`.
 */
export function nerfDart(registryUrl: string): string {
  const url = new URL(registryUrl);
  const pathname = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `//${url.host}${pathname}`;
}

/** Options for {@link npmrcText}. */
export interface NpmrcTextOptions {
  /** The registry URL. */
  registry: string;
  /** The auth token for that registry. */
  token: string;
  /** Only route this scope (e.g. `@downcity`) to the registry; everything else keeps the default registry. */
  scope?: string;
}

/** The text of an `.npmrc` that points npm and pnpm at a registry with a token. */
export function npmrcText(options: NpmrcTextOptions): string {
  const registryLine = options.scope ? `${options.scope}:registry=${options.registry}` : `registry=${options.registry}`;
  return `${registryLine}\n${nerfDart(options.registry)}:_authToken=${options.token}\n`;
}
