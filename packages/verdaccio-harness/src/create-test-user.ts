/** Options for {@link createTestUser}. */
export interface CreateTestUserOptions {
  /** The registry URL. */
  registry: string;
  /** The user name. */
  name: string;
  /** The password. */
  password: string;
}

/** Registers a user on the registry (`npm adduser`'s request) and returns its auth token. */
export async function createTestUser(options: CreateTestUserOptions): Promise<string> {
  const response = await fetch(new URL(`-/user/org.couchdb.user:${encodeURIComponent(options.name)}`, options.registry), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: options.name, password: options.password, type: 'user', roles: [], date: new Date().toISOString() }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(`Creating test user "${options.name}" failed: ${response.status} ${body.error ?? ''}`);
  return body.token;
}
