import { randomUUID } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authCommands, authPlugin, type AuthConfigInput } from '@downcity/auth';
import { createChatService, httpChannel, signUserAssertion } from '@downcity/chat';
import { createAgent, type Agent } from '@downcity/core';
import { shellService, type ShellConfigInput } from '@downcity/shell';
import { createLibsqlStore } from '@downcity/store-libsql';
import { createScriptedModel, type ScriptedModel, type ScriptedReply, type ScriptedToolCall } from '@downcity/testing';

/**
 * The HTTP channel's shared bearer token in these tests. It speaks only as `http:shared` (never an owner);
 * send it explicitly (`authorization: Bearer ${HTTP_TOKEN}`) to act as an anonymous client.
 */
export const HTTP_TOKEN = 'attack-suite-token-0123456789';

/** The secret the test "backend" signs user assertions with (`services.chat.channels.http.assertions.secret`). */
export const ASSERTION_SECRET = 'attack-suite-assertion-secret-0123456789abcdef';

/** The owner principal: `http:owner`. Its shell tool calls pass auth. */
export const OWNER = 'owner';

/**
 * A user assertion for `user`, signed with {@link ASSERTION_SECRET}: what a backend sends after it
 * authenticated the user. Send it as `authorization: Bearer <assertion>`.
 */
export function userAssertion(user: string, options: { displayName?: string; expiresInSeconds?: number } = {}): Promise<string> {
  return signUserAssertion({ secret: ASSERTION_SECRET, user, ...options });
}

/** The user id a request body claims (`user` as an id or `{ id }`), if any. */
function claimedUser(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('user' in body)) return undefined;
  const user: unknown = body.user;
  if (typeof user === 'string') return user;
  return typeof user === 'object' && user !== null && 'id' in user && typeof user.id === 'string' ? user.id : undefined;
}

/** Options for {@link startAttackAgent}. */
export interface AttackAgentOptions {
  /** `services.shell` config. Default: allow `ls cat echo grep` only, approval mode `allowlist`. */
  shell?: ShellConfigInput;
  /** `plugins.auth` config. Default: `http:owner` is the owner, HTTP direct messages are open. */
  auth?: AuthConfigInput;
  /** Extra `services.chat.channels.http` config (the shared token, the assertion secret and port 0 are set). */
  http?: Record<string, unknown>;
}

/** One chat turn in which the scripted model makes tool calls. */
export interface ModelTurn {
  /**
   * The HTTP user the message comes from: the request claims it (`user` in the body) and, unless `headers`
   * carry an `authorization`, authenticates as it with a signed user assertion. Default {@link OWNER}.
   */
  user?: string;
  /** The conversation key. Default `chat-<user>`. */
  chat?: string;
  /** The tool calls the model makes in its first step. */
  calls: ScriptedToolCall[];
  /** Extra request headers; an `authorization` here replaces the user's assertion (e.g. a per-user token, or the shared token). */
  headers?: Record<string, string>;
}

/** A running agent: chat over HTTP, auth, shell on real bubblewrap, a libSQL file, a scripted model. */
export interface AttackAgent extends AsyncDisposable {
  /** The agent. */
  agent: Agent;
  /** The scripted model. */
  model: ScriptedModel;
  /** The agent's data folder (removed on stop). */
  dataDir: string;
  /** The HTTP channel's base URL. */
  url: string;
  /**
   * Posts a raw body to `POST /v1/messages` and asks for a JSON reply. Unless `headers` carry an `authorization`,
   * the request authenticates as the user the body claims (a signed user assertion for its `user`), or with the
   * shared {@link HTTP_TOKEN} when it claims none.
   */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Creates a per-user bearer token for `user` (as the operator would with `downcity auth token create`). */
  userToken(user: string): Promise<{ id: string; token: string }>;
  /**
   * Scripts the model's answer to one message: the text to send returns, and only a model call answering that
   * text (it carries a marker) makes these tool calls, then answers "done". A message that is refused or never
   * reaches the model leaves nothing behind for the next one; the model answers unmarked text with `echo: <text>`.
   */
  scriptMessage(calls: ScriptedToolCall[]): string;
  /**
   * Runs one chat turn in which the model makes the given tool calls, then answers "done". Resolves once the
   * HTTP reply says the turn ended with that "done" (it throws with the status and body otherwise, e.g. when the
   * request was refused or the turn failed), with the HTTP status and the tool results stored by that turn (by
   * its message id), in call order.
   */
  turn(turn: ModelTurn): Promise<{ status: number; results: unknown[] }>;
  /** The tool results stored in a session, in order. */
  toolResults(sessionId: string): Promise<unknown[]>;
  /** The shell audit log, newest first. */
  audit(): Promise<Array<Record<string, unknown>>>;
  /** Stops the agent and removes the data folder. */
  stop(): Promise<void>;
}

/**
 * The session id of an HTTP conversation: HTTP sessions are private to their user, so the user is its last
 * part (`chat:http:default:<chat>:<user>`). `user` defaults to {@link OWNER}.
 */
export const httpSessionId = (chat: string, user: string = OWNER): string => `chat:http:default:${chat}:${user}`;

/**
 * Starts the whole agent the attacks run against: the chat service with its real HTTP channel on a
 * loopback port, the auth plugin, the shell service on real bubblewrap, the libSQL file store in a
 * throwaway folder, and a scripted model whose tool calls are the attacks.
 *
 * @param options - shell, auth and HTTP channel config
 */
export async function startAttackAgent(options: AttackAgentOptions = {}): Promise<AttackAgent> {
  const dataDir = realpathSync(mkdtempSync(join(tmpdir(), 'downcity-attack-')));
  const model = createScriptedModel();
  const scripts = new Map<string, { calls: ScriptedToolCall[]; answered: number }>();
  model.setDefault((options) => answerScripted(scripts, options));
  const shell: ShellConfigInput = options.shell ?? {
    policy: { allow: ['ls', 'cat', 'echo', 'grep'].map((program) => ({ program })) },
    approval: { mode: 'allowlist' },
    timeoutMs: 15_000,
  };
  const agent = createAgent({
    logger: { level: 'silent' },
    model,
    store: createLibsqlStore({ path: join(dataDir, 'downcity.db') }),
    services: [createChatService({ channels: [httpChannel], commands: authCommands }), shellService],
    plugins: [authPlugin],
    config: {
      agent: { dataDir },
      services: {
        chat: { channels: { http: { token: HTTP_TOKEN, assertions: { secret: ASSERTION_SECRET }, port: 0, ...options.http } } },
        shell,
      },
      plugins: { auth: options.auth ?? { owners: [`http:${OWNER}`], channels: { http: { direct: 'open' } } } },
    },
  });
  try {
    await agent.start();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { channels } = await agent.invoke('chat/channels', {});
  const url = String(channels.find((channel) => channel.id === 'http')?.info.url);

  const post = async (body: unknown, headers: Record<string, string> = {}): Promise<Response> => {
    const user = claimedUser(body);
    const credential = user === undefined ? HTTP_TOKEN : await userAssertion(user);
    return fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  };

  const toolResults = async (sessionId: string, inboxIdSuffix?: string): Promise<unknown[]> => {
    if ((await agent.session.get(sessionId)) === undefined) return [];
    const history = await agent.session.history(sessionId, { limit: 10_000 });
    return history
      .filter((message) => message.role === 'tool')
      .filter((message) => inboxIdSuffix === undefined || String(message.metadata.inboxId).endsWith(inboxIdSuffix))
      .flatMap((message) => message.content as { output: { type: string; value: unknown } }[])
      .map((part) => (part.output.type === 'json' ? part.output.value : part.output));
  };

  const scriptMessage = (calls: ScriptedToolCall[]): string => {
    const marker = `[turn ${randomUUID()}]`;
    scripts.set(marker, { calls, answered: 0 });
    return `please run this ${marker}`;
  };

  const stop = async (): Promise<void> => {
    await agent.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  return {
    agent,
    model,
    dataDir,
    url,
    post,
    async userToken(user) {
      const { token, info } = await agent.invoke('chat/http-token-create', { user });
      return { id: info.id, token };
    },
    toolResults: (sessionId) => toolResults(sessionId),
    scriptMessage,
    async turn({ user = OWNER, chat = `chat-${user}`, calls, headers }) {
      const messageId = randomUUID();
      const response = await post({ text: scriptMessage(calls), chatId: chat, user, messageId }, headers);
      const body = await response.text();
      // The reply must be this turn's own last step: the scripted "done" that follows its tool calls.
      let reply: unknown;
      try {
        reply = JSON.parse(body);
      } catch {
        reply = undefined;
      }
      if (response.status !== 200 || (reply as { text?: unknown } | undefined)?.text !== 'done') {
        throw new Error(`The turn did not end with the scripted "done": HTTP ${response.status} ${body}`);
      }
      // The stored inbox id of an HTTP message ends with the client's message id.
      return { status: response.status, results: await toolResults(httpSessionId(chat, user), `:${messageId}`) };
    },
    async audit() {
      return (await agent.invoke('shell/audit', { limit: 1_000 })).records as unknown as Array<Record<string, unknown>>;
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** What the scripted model is called with. */
type CallOptions = Parameters<ScriptedModel['doGenerate']>[0];

/** The text of the last user message of a model call. */
function lastUserText(options: CallOptions): string {
  const message = options.prompt.findLast((entry) => entry.role === 'user');
  return message ? message.content.map((part) => (part.type === 'text' ? part.text : '')).join('') : '';
}

/**
 * The model's answer from the script of the message it answers (found by the marker in the last user message):
 * the tool calls on its first call, then "done". Unmarked text is echoed.
 */
function answerScripted(scripts: Map<string, { calls: ScriptedToolCall[]; answered: number }>, options: CallOptions): ScriptedReply {
  const text = lastUserText(options);
  const script = scripts.get(/\[turn [0-9a-f-]+\]/.exec(text)?.[0] ?? '');
  if (!script) return { text: `echo: ${text}` };
  script.answered += 1;
  return script.answered === 1 ? { toolCalls: script.calls } : { text: 'done' };
}
