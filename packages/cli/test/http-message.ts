/**
 * Sends one message to a Downcity HTTP channel and waits for the JSON answer. `token` is the bearer credential
 * (the shared token, or a per-user token); `user`, when given, must be the user that credential authenticates.
 */
export async function sendHttpMessage(options: { url: string; token: string; text: string; chatId: string; user?: string; messageId?: string }): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${options.url}/v1/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.token}`, accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ text: options.text, chatId: options.chatId, ...(options.user ? { user: options.user } : {}), ...(options.messageId ? { messageId: options.messageId } : {}) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
