/** A client for the reference agent's HTTP channel. */
export interface HttpClient {
  /** Sends a message as `user` (with that user's own credential) and waits for the JSON reply. */
  send(options: { text: string; chatId: string; user: string; messageId?: string; signal?: AbortSignal }): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Reads a session's messages with `user`'s credential (HTTP sessions are private to their user). */
  history(sessionId: string, user: string): Promise<{ role: string; text: string }[]>;
}

/**
 * Creates a client for the HTTP channel at `url`. The channel takes who speaks from the credential, so each
 * message goes out with the per-user token `credentialFor(user)` returns (created once per user, as an operator
 * would with `downcity auth token create`); a session's history is read with its user's credential too.
 */
export function httpClient(url: string, credentialFor: (user: string) => Promise<string>): HttpClient {
  const headers = { accept: 'application/json', 'content-type': 'application/json' };
  const credentials = new Map<string, Promise<string>>();
  const credential = (user: string): Promise<string> => {
    let found = credentials.get(user);
    if (!found) credentials.set(user, (found = credentialFor(user)));
    return found;
  };
  return {
    async send({ signal, ...message }) {
      const authorization = `Bearer ${await credential(message.user)}`;
      const response = await fetch(`${url}/v1/messages`, { method: 'POST', headers: { ...headers, authorization }, body: JSON.stringify(message), ...(signal ? { signal } : {}) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async history(sessionId, user) {
      const authorization = `Bearer ${await credential(user)}`;
      const response = await fetch(`${url}/v1/sessions/${encodeURIComponent(sessionId)}/messages`, { headers: { ...headers, authorization } });
      const body = (await response.json()) as { messages?: { role: string; text: string }[] };
      return body.messages ?? [];
    },
  };
}
