/** A client for the reference agent's HTTP channel. */
export interface HttpClient {
  /** Sends a message and waits for the JSON reply. */
  send(options: { text: string; chatId: string; user: string; messageId?: string; signal?: AbortSignal }): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Reads a session's messages. */
  history(sessionId: string): Promise<{ role: string; text: string }[]>;
}

/** Creates a client for the HTTP channel at `url` with bearer `token`. */
export function httpClient(url: string, token: string): HttpClient {
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' };
  return {
    async send({ signal, ...message }) {
      const response = await fetch(`${url}/v1/messages`, { method: 'POST', headers, body: JSON.stringify(message), ...(signal ? { signal } : {}) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async history(sessionId) {
      const response = await fetch(`${url}/v1/sessions/${encodeURIComponent(sessionId)}/messages`, { headers });
      const body = (await response.json()) as { messages?: { role: string; text: string }[] };
      return body.messages ?? [];
    },
  };
}
