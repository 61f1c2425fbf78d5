/** Ollama's native API on this machine: `POST /api/chat` and friends. */
export const DEFAULT_OLLAMA_BASE_URL = 'http://127.0.0.1:11434/api';

/** Where an `ollama` model config sends its requests, and through which protocol. */
export type OllamaEndpoint =
  | { kind: 'native'; baseURL: string }
  | { kind: 'openai-compatible'; baseURL: string };

const withoutTrailingSlashes = (value: string): string => value.replace(/\/+$/, '');

/** Splits `host:port`, `[v6]:port`, `host` or a bare IPv6 address. */
function splitHostPort(hostPort: string): { host: string; port?: string | undefined } {
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(hostPort);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] };
  const parts = hostPort.split(':');
  return parts.length === 2 ? { host: parts[0] ?? '', port: parts[1] } : { host: hostPort };
}

/**
 * The base URL Ollama's own client would use for `OLLAMA_HOST` (`127.0.0.1:11500`, `0.0.0.0`,
 * `http://gpu-box:11434`, `https://ollama.example.com/proxy`...), plus `/api`: the scheme defaults
 * to http, the host to 127.0.0.1 and the port to 11434 (80 or 443 when a scheme is given), and a
 * bind-all address (`0.0.0.0`, `::`) becomes loopback.
 */
function fromOllamaHost(value: string): string {
  const separator = value.indexOf('://');
  const scheme = separator === -1 ? 'http' : value.slice(0, separator);
  const rest = separator === -1 ? value : value.slice(separator + 3);
  const defaultPort = separator === -1 ? '11434' : scheme === 'https' ? '443' : '80';
  const slash = rest.indexOf('/');
  const { host, port } = splitHostPort(slash === -1 ? rest : rest.slice(0, slash));
  const path = slash === -1 ? '' : withoutTrailingSlashes(rest.slice(slash));
  const connectable = host === '' || host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const hostname = connectable.includes(':') ? `[${connectable}]` : connectable;
  return `${scheme}://${hostname}:${port && /^\d+$/.test(port) ? port : defaultPort}${path}/api`;
}

/**
 * Where provider `ollama` talks to, by `model.baseURL`, else the `OLLAMA_HOST` variable, else
 * {@link DEFAULT_OLLAMA_BASE_URL}:
 *
 * - a base URL whose path ends in `/v1` is Ollama's OpenAI-compatible endpoint, which configs used
 *   before Ollama became a native provider: it stays on `@ai-sdk/openai-compatible`, unchanged;
 * - a base URL with no path (`http://gpu-box:11434`) gets `/api`;
 * - any other base URL (`.../api`, a proxy path) is used as written, with Ollama's native API.
 *
 * @param options - The configured base URL and the environment.
 */
export function ollamaEndpoint(options: { baseURL: string | undefined; env: Readonly<Record<string, string | undefined>> }): OllamaEndpoint {
  if (options.baseURL) {
    const url = new URL(options.baseURL);
    const path = withoutTrailingSlashes(url.pathname);
    if (path.endsWith('/v1')) return { kind: 'openai-compatible', baseURL: options.baseURL };
    return { kind: 'native', baseURL: path === '' ? `${withoutTrailingSlashes(options.baseURL)}/api` : withoutTrailingSlashes(options.baseURL) };
  }
  const host = options.env.OLLAMA_HOST?.trim();
  return { kind: 'native', baseURL: host ? fromOllamaHost(host) : DEFAULT_OLLAMA_BASE_URL };
}
