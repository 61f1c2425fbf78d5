import type { ConsoleAgent } from './start-console-agent.js';

/** One server-sent event. */
export interface ServerEvent {
  /** The event name. */
  event: string;
  /** The parsed `data`. */
  data: Record<string, unknown>;
}

/** The console API as a signed-in browser calls it: the cookie on every request, CSRF token and Origin on changes. */
export interface SignedInClient {
  /** `GET <console>/api/<path>`. */
  get(path: string): Promise<Response>;
  /** `POST <console>/api/<path>` with a JSON body. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Signs in with a fresh one-time link and returns a client carrying the cookie. */
export async function signedInClient(harness: ConsoleAgent): Promise<SignedInClient> {
  const response = await fetch(await harness.signInLink(), { redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const api = `${harness.consoleUrl}/api/`;
  const { csrfToken } = (await (await fetch(`${api}me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return {
    get: (path) => fetch(api + path, { headers: { cookie } }),
    post: (path, body, headers = {}) =>
      fetch(api + path, {
        method: 'POST',
        headers: { cookie, origin: harness.origin, 'x-csrf-token': csrfToken, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
  };
}

/** Reads a server-sent event stream event by event, until it ends. */
export async function* serverEvents(response: Response): AsyncGenerator<ServerEvent> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += value;
    let end: number;
    while ((end = buffered.indexOf('\n\n')) !== -1) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (event !== undefined && data !== undefined) yield { event, data: JSON.parse(data) as Record<string, unknown> };
    }
  }
}

/** Every event of a stream, once it ended. */
export async function allServerEvents(response: Response): Promise<ServerEvent[]> {
  const events: ServerEvent[] = [];
  for await (const event of serverEvents(response)) events.push(event);
  return events;
}
