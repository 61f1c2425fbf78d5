import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The folder of the prebuilt web app: `dist/web` next to the bundled `dist/index.js`, or, when running from
 * source (tests), the package's `dist/web` built by `pnpm build`.
 */
export function defaultWebRoot(): string {
  const candidates = [new URL('./web/', import.meta.url), new URL('../../dist/web/', import.meta.url)].map((url) => fileURLToPath(url));
  return candidates.find((folder) => existsSync(path.join(folder, 'index.html'))) ?? candidates[0]!;
}

/**
 * Reads a file of the web app by its path below the console (`assets/index-abc.js`); undefined when there is
 * none. Paths that would leave the folder are refused. Hashed assets are cached for a year, the rest never.
 */
export async function staticFile(root: string, relative: string): Promise<Response | undefined> {
  const file = path.resolve(root, relative);
  if (!file.startsWith(path.resolve(root) + path.sep)) return undefined;
  const type = CONTENT_TYPES[path.extname(file)];
  if (type === undefined) return undefined;
  const body = await readFile(file).catch(() => undefined);
  if (body === undefined) return undefined;
  const cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
  return new Response(new Uint8Array(body), { headers: { 'content-type': type, 'cache-control': cache } });
}
