/**
 * The key npm uses for per-registry settings such as tokens: the URL without protocol, query or
 * file name, ending in `/`. `https://npm.example.com/api/` → `//npm.example.com/api/`.
 */
export function nerfDart(url: string): string {
  const parsed = new URL(url);
  const pathname = parsed.pathname.endsWith('/') ? parsed.pathname : parsed.pathname.replace(/[^/]*$/, '');
  return `//${parsed.host}${pathname}`;
}

/** Ensures a registry URL ends in `/` so relative paths resolve under it. */
export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
